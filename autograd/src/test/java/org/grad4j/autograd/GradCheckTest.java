package org.grad4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class GradCheckTest {
  /** Cube with a deliberately wrong backward: 2x² instead of 3x². */
  private static final class WrongCube extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].mul(in[0]).mul(in[0]);
    }

    @Override
    protected Variable[] backward(Variable gy) {
      Variable x = input(0);
      return new Variable[] {F.mul(gy, F.mul(F.mul(x, x), 2.0))};
    }
  }

  @Test
  void passesOnCorrectOpsAndReportsTheElementCount() {
    Rng rng = new Rng(1);
    Variable a = new Variable(Tensor.randn(rng, 2, 3), true);
    Variable b = new Variable(Tensor.randn(rng, 3), true);
    GradCheck.Report report =
        GradCheck.DEFAULT.check(xs -> F.div(F.mul(xs[0], xs[1]), F.add(xs[1], 5.0)), a, b);
    assertTrue(report.passed(), report.toString());
    assertEquals(9, report.checkedElements());
  }

  @Test
  void findsAWrongBackwardAndNamesTheWorstElement() {
    Variable x = new Variable(Tensor.of(new double[] {0.5, -1.0, 2.0}, 3), true);
    GradCheck.Report report = GradCheck.DEFAULT.check(xs -> new WrongCube().apply(xs[0]), x);
    assertFalse(report.passed());
    assertEquals(0, report.input());
    assertArrayEquals(new int[] {2}, report.index());
    // Both sides carry the same random projection factor; only the derivative differs (2x² vs 3x²).
    assertEquals(2.0 / 3.0, report.analytic() / report.numeric(), 1e-6);
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () -> GradCheck.DEFAULT.assertGradients(xs -> new WrongCube().apply(xs[0]), x));
    assertTrue(e.getMessage().contains("input 0 index [2]"), e.getMessage());
  }

  /** Cube with a correct backward computed outside the graph, so it cannot be differentiated. */
  private static final class UnrecordedCube extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].mul(in[0]).mul(in[0]);
    }

    @Override
    protected Variable[] backward(Variable gy) {
      Tensor x = input(0).data();
      return new Variable[] {new Variable(gy.data().mul(x.mul(x).mul(3.0)))};
    }
  }

  @Test
  void secondOrderCheckFindsABackwardThatIsNotDifferentiable() {
    Variable x = new Variable(Tensor.of(new double[] {0.5, -1.0, 2.0}, 3), true);
    GradCheck.DEFAULT.assertSecondOrder(xs -> F.mul(F.mul(xs[0], xs[0]), xs[0]), x);
    GradCheck.DEFAULT.assertGradients(xs -> new UnrecordedCube().apply(xs[0]), x);
    assertFalse(
        GradCheck.DEFAULT.checkSecondOrder(xs -> new UnrecordedCube().apply(xs[0]), x).passed());
  }

  @Test
  void inputsThatNeedNoGradientAreNotChecked() {
    Variable x = new Variable(Tensor.of(new double[] {1, 2}, 2), true);
    Variable c = new Variable(Tensor.of(new double[] {3, 4}, 2));
    GradCheck.Report report = GradCheck.DEFAULT.check(xs -> F.mul(xs[0], xs[1]), x, c);
    assertTrue(report.passed(), report.toString());
    assertEquals(2, report.checkedElements());
    assertEquals(null, c.grad());
    assertEquals(null, x.grad());
  }
}
