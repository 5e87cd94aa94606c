package org.grad4j.examples.custom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import org.grad4j.autograd.Autograd;
import org.grad4j.autograd.BackwardOption;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class SwishTest {
  private static final double SIGMOID_1 = 1 / (1 + Math.exp(-1));

  private static Variable leaf(double... values) {
    return new Variable(Tensor.of(values, values.length), true);
  }

  @Test
  void valuesAndDerivativesComputedByHand() {
    Variable x = leaf(-2, 0, 1);
    Variable y = Swish.swish(x);
    // swish(-2) = -2 σ(-2) = -2 / (1 + e²); swish(1) = σ(1).
    assertArrayEquals(
        new double[] {-2 / (1 + Math.exp(2)), 0, SIGMOID_1}, y.data().toArray(), 1e-15);
    List<Variable> slope = Autograd.grad(F.sum(y), List.of(x), BackwardOption.CREATE_GRAPH);
    // swish'(x) = σ(x)(1 + x(1 - σ(x))): 1/2 at 0 and σ(1)(2 - σ(1)) at 1.
    assertEquals(0.5, slope.get(0).data().get(1), 1e-15);
    assertEquals(SIGMOID_1 * (2 - SIGMOID_1), slope.get(0).data().get(2), 1e-15);
    // swish''(0) = 2 σ'(0) = 1/2.
    Variable curvature = Autograd.grad(F.sum(slope.get(0)), List.of(x)).get(0);
    assertEquals(0.5, curvature.data().get(1), 1e-15);
  }

  @Test
  void largeInputsDoNotOverflow() {
    Variable x = leaf(-800, 800);
    Variable y = Swish.swish(x);
    F.sum(y).backward();
    assertArrayEquals(new double[] {0, 800}, y.data().toArray(), 0);
    assertArrayEquals(new double[] {0, 1}, x.grad().data().toArray(), 0);
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    Variable x = new Variable(Tensor.randn(new Rng(7), 3, 4).mul(3), true);
    GradCheck.DEFAULT.assertGradients(xs -> Swish.swish(xs[0]), x);
    GradCheck.DEFAULT.assertSecondOrder(xs -> Swish.swish(xs[0]), x);
  }

  /** swish(x) = x / (1 + e^-x) built from grad4j's own ops, whose derivatives grad4j derives. */
  @Test
  void agreesWithTheFormulaComposedFromBuiltInOps() {
    Tensor values = Tensor.randn(new Rng(3), 2, 5).mul(4);
    UnaryOperator<Variable> composed = x -> F.div(x, F.add(F.exp(F.neg(x)), 1.0));
    double[][] custom = valueSlopeCurvature(Swish::swish, values);
    double[][] reference = valueSlopeCurvature(composed, values);
    for (int order = 0; order < 3; order++) {
      assertArrayEquals(reference[order], custom[order], 1e-12, "derivative of order " + order);
    }
  }

  /** f(x), f'(x) and f''(x) elementwise. */
  private static double[][] valueSlopeCurvature(UnaryOperator<Variable> f, Tensor values) {
    Variable x = new Variable(values, true);
    Variable y = f.apply(x);
    Variable slope = Autograd.grad(F.sum(y), List.of(x), BackwardOption.CREATE_GRAPH).get(0);
    Variable curvature = Autograd.grad(F.sum(slope), List.of(x)).get(0);
    return new double[][] {y.data().toArray(), slope.data().toArray(), curvature.data().toArray()};
  }
}
