package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.grad4j.autograd.ops.OpsTesting.assertValues;
import static org.grad4j.autograd.ops.OpsTesting.randn;
import static org.grad4j.autograd.ops.OpsTesting.referenceCases;
import static org.grad4j.core.CoreAssertions.assertIllegalArgument;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** crossEntropy, nll, mse and bceWithLogits. */
class LossesTest {
  private static final double LN3 = Math.log(3);

  // ---------------------------------------------------------------- hand-checked values

  /** Two rows of logits {@code [0, ln 3]} (softmax {@code [1/4, 3/4]}), labels 1 and 0. */
  private static Variable quarterLogits(double shift) {
    return new Variable(
        Tensor.of(new double[] {shift, shift + LN3, shift, shift + LN3}, 2, 2), true);
  }

  @Test
  void crossEntropyValuesForEachReduction() {
    // losses -ln(3/4) and -ln(1/4); gradient (softmax - onehot) per row.
    int[] labels = {1, 0};
    double a = -Math.log(0.75);
    double b = -Math.log(0.25);
    for (double shift : new double[] {0, 1000, -1000}) {
      Variable x = quarterLogits(shift);
      assertValues(F.crossEntropy(x, labels, Reduction.NONE), a, b);
      assertValues(F.crossEntropy(x, labels, Reduction.SUM), a + b);
      Variable mean = F.crossEntropy(x, labels);
      assertValues(mean, (a + b) / 2);
      mean.backward();
      assertValues(x.grad(), 0.125, -0.125, -0.375, 0.375);
    }
  }

  @Test
  void crossEntropyWithLabelSmoothingThatMatchesTheSoftmax() {
    // eps 0.5, C 2, label 1: q = [0.25, 0.75] = softmax, so the loss is the entropy of [1/4, 3/4]
    // and the gradient softmax - q is 0.
    Variable x = new Variable(Tensor.of(new double[] {0, LN3}, 1, 2), true);
    Variable loss = F.crossEntropy(x, new int[] {1}, 0.5);
    assertValues(loss, -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)));
    loss.backward();
    assertValues(x.grad(), 0, 0);
  }

  @Test
  void nllPicksTheLabelledLogProbability() {
    Variable x = new Variable(Tensor.of(new double[] {-1, -2, -3, -4, -5, -6}, 2, 3), true);
    int[] labels = {2, 0};
    assertValues(F.nll(x, labels, Reduction.NONE), 3, 4);
    assertValues(F.nll(x, labels, Reduction.SUM), 7);
    Variable mean = F.nll(x, labels);
    assertValues(mean, 3.5);
    mean.backward();
    assertValues(x.grad(), 0, 0, -0.5, -0.5, 0, 0);
  }

  @Test
  void nllIgnoresMinusInfinityOutsideTheLabels() {
    Variable x = new Variable(Tensor.of(new double[] {Double.NEGATIVE_INFINITY, -0.5}, 1, 2), true);
    Variable loss = F.nll(x, new int[] {1}, Reduction.SUM);
    assertValues(loss, 0.5);
    loss.backward();
    assertValues(x.grad(), 0, -1);
  }

  @Test
  void mseValues() {
    // squared errors [0, 4, 4]; d/dpred = 2 (pred - target) / 3 for the mean.
    Variable pred = new Variable(Tensor.of(new double[] {1, 2, 3}, 3), true);
    Variable target = new Variable(Tensor.of(new double[] {1, 0, 5}, 3), true);
    assertValues(F.mse(pred, target, Reduction.NONE), 0, 4, 4);
    assertValues(F.mse(pred, target, Reduction.SUM), 8);
    Variable mean = F.mse(pred, target);
    assertValues(mean, 8.0 / 3);
    mean.backward();
    assertValues(pred.grad(), 0, 4.0 / 3, -4.0 / 3);
    assertValues(target.grad(), 0, -4.0 / 3, 4.0 / 3);
  }

  @Test
  void bceWithLogitsValuesStayFiniteForHugeLogits() {
    // loss = -t ln σ(x) - (1 - t) ln(1 - σ(x)), dloss/dx = σ(x) - t, dloss/dt = -x:
    // x 0, t 1: ln 2 and -1/2 (at the kink of max and |x|); x ln 3, t 0: -ln(1/4) and 3/4;
    // x -1000, t 0: 0 and 0; x 1000, t 0: 1000 and 1.
    Variable x = new Variable(Tensor.of(new double[] {0, LN3, -1000, 1000}, 4), true);
    Variable t = new Variable(Tensor.of(new double[] {1, 0, 0, 0}, 4), true);
    Variable loss = F.bceWithLogits(x, t, Reduction.NONE);
    assertValues(loss, Math.log(2), Math.log(4), 0, 1000);
    loss.backward(Tensor.ones(4));
    assertValues(x.grad(), -0.5, 0.75, 0, 1);
    assertValues(t.grad(), 0, -LN3, 1000, -1000);
  }

  // ---------------------------------------------------------------- gradient checks

  @ParameterizedTest
  @EnumSource(Reduction.class)
  void crossEntropyGradients(Reduction reduction) {
    int[] labels = {0, 3, 2, 3, 1};
    GradCheck.DEFAULT.assertGradients(
        xs -> F.crossEntropy(xs[0], labels, reduction), randn(new Rng(21), 5, 4));
    GradCheck.DEFAULT.assertGradients(
        xs -> F.crossEntropy(xs[0], labels, reduction, 0.2), randn(new Rng(22), 5, 4));
  }

  @ParameterizedTest
  @EnumSource(Reduction.class)
  void crossEntropySecondDerivatives(Reduction reduction) {
    int[] labels = {2, 0, 1};
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> F.crossEntropy(xs[0], labels, reduction, 0.1), randn(new Rng(23), 3, 3));
  }

  @Test
  void crossEntropyGradientsForLargeLogits() {
    Variable x = new Variable(Tensor.randn(new Rng(24), 3, 4).mul(5).add(1000), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.crossEntropy(xs[0], new int[] {3, 0, 1}), x);
  }

  @ParameterizedTest
  @EnumSource(Reduction.class)
  void nllGradients(Reduction reduction) {
    GradCheck.DEFAULT.assertGradients(
        xs -> F.nll(xs[0], new int[] {1, 0, 2, 2}, reduction), randn(new Rng(25), 4, 3));
  }

  @ParameterizedTest
  @EnumSource(Reduction.class)
  void mseGradientsForBothInputs(Reduction reduction) {
    GradCheck.DEFAULT.assertGradients(
        xs -> F.mse(xs[0], xs[1], reduction),
        randn(new Rng(26), 2, 3, 2),
        randn(new Rng(27), 2, 3, 2));
  }

  @ParameterizedTest
  @EnumSource(Reduction.class)
  void bceWithLogitsGradientsForBothInputs(Reduction reduction) {
    Variable t = new Variable(Tensor.rand(new Rng(29), 3, 4), true);
    GradCheck.DEFAULT.assertGradients(
        xs -> F.bceWithLogits(xs[0], xs[1], reduction), randn(new Rng(28), 3, 4), t);
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> F.bceWithLogits(xs[0], xs[1], reduction), randn(new Rng(28), 3, 4), t);
  }

  // ---------------------------------------------------------------- PyTorch reference

  static Stream<Arguments> labelCases() {
    return referenceCases("cross_entropy", "nll_loss");
  }

  static Stream<Arguments> pairCases() {
    return referenceCases("mse_loss", "binary_cross_entropy_with_logits");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("labelCases")
  void labelLossesMatchPyTorch(String family, Case c) {
    Variable x = new Variable(c.tensor("x"), true);
    int[] labels = Arrays.stream(c.tensor("labels").toArray()).mapToInt(v -> (int) v).toArray();
    Reduction reduction = reduction(c);
    Variable y =
        family.equals("nll_loss")
            ? F.nll(x, labels, reduction)
            : F.crossEntropy(x, labels, reduction, c.doubleParam("label_smoothing"));
    assertClose(c.name(), "y", c.tensor("y"), y.data());
    backward(c, y);
    assertClose(c.name(), "dx", c.tensor("dx"), x.grad().data());
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("pairCases")
  void elementwiseLossesMatchPyTorch(String family, Case c) {
    Variable x = new Variable(c.tensor("x"), true);
    Variable t = new Variable(c.tensor("t"), true);
    Reduction reduction = reduction(c);
    Variable y =
        family.equals("mse_loss") ? F.mse(x, t, reduction) : F.bceWithLogits(x, t, reduction);
    assertClose(c.name(), "y", c.tensor("y"), y.data());
    backward(c, y);
    assertClose(c.name(), "dx", c.tensor("dx"), x.grad().data());
    assertClose(c.name(), "dt", c.tensor("dt"), t.grad().data());
  }

  /** The generator's REDUCTIONS list is in the enum's order: mean, sum, none. */
  private static Reduction reduction(Case c) {
    return List.of(Reduction.MEAN, Reduction.SUM, Reduction.NONE).get(c.intParam("reduction"));
  }

  /** A reduced (scalar) loss is differentiated with backward(), an unreduced one with gy. */
  private static void backward(Case c, Variable y) {
    if (c.hasTensor("gy")) {
      y.backward(c.tensor("gy"));
    } else {
      y.backward();
    }
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void badLabelsNameTheOpTheLabelItsIndexAndC() {
    Variable x = new Variable(Tensor.zeros(3, 4));
    assertIllegalArgument(
        () -> F.crossEntropy(x, new int[] {0, 4, 1}),
        "crossEntropy",
        "label 4",
        "index 1",
        "C = 4");
    assertIllegalArgument(
        () -> F.nll(x, new int[] {0, 1, -1}), "nll", "label -1", "index 2", "C = 4");
    assertIllegalArgument(
        () -> F.crossEntropy(x, new int[] {0, 1}), "crossEntropy", "2 labels", "(3,4)");
    assertIllegalArgument(() -> F.nll(x, new int[] {0, 1, 2, 3}), "nll", "4 labels", "(3,4)");
    assertIllegalArgument(
        () -> F.crossEntropy(new Variable(Tensor.zeros(4)), new int[] {0}), "crossEntropy", "(4,)");
    assertIllegalArgument(
        () -> F.crossEntropy(x, new int[] {0, 1, 2}, 1.5), "crossEntropy", "labelSmoothing", "1.5");
  }

  @Test
  void elementwiseLossesRejectShapesThatDiffer() {
    Variable a = new Variable(Tensor.zeros(2, 3));
    Variable b = new Variable(Tensor.zeros(3, 2));
    Variable row = new Variable(Tensor.zeros(3));
    assertIllegalArgument(() -> F.mse(a, b), "mse", "(2,3)", "(3,2)");
    assertIllegalArgument(() -> F.mse(a, row), "mse", "(2,3)", "(3,)");
    assertIllegalArgument(() -> F.bceWithLogits(a, b), "bceWithLogits", "(2,3)", "(3,2)");
  }

  // ---------------------------------------------------------------- helpers
}
