package org.grad4j.autograd.ops;

import static org.grad4j.autograd.ops.OpsTesting.assertValues;
import static org.grad4j.autograd.ops.OpsTesting.variable;
import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-checked values, gradient checks and bad input for max, min, argmax and logsumexp. */
class ReductionOpsTest {
  @Test
  void maxAndMinOverAxesOrAll() {
    // x = [[1,5,3],[4,2,6]]
    Variable x = variable(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
    assertValues(new double[] {5, 6}, new int[] {2}, F.max(x, false, 1), 1e-15);
    assertValues(new double[] {4, 5, 6}, new int[] {1, 3}, F.max(x, true, 0), 1e-15);
    assertValues(new double[] {6}, new int[] {}, F.max(x, false), 1e-15);
    assertValues(new double[] {6}, new int[] {1, 1}, F.max(x, true, 0, 1), 1e-15);
    assertValues(new double[] {1, 2}, new int[] {2}, F.min(x, false, -1), 1e-15);
    assertValues(new double[] {1}, new int[] {1, 1}, F.min(x, true), 1e-15);
  }

  @Test
  void maxGradientGoesToTheMaximum() {
    Variable x = variable(new double[] {1, 5, 3, 4, 2, 6}, 2, 3);
    F.max(x, false, 0).backward(Tensor.of(new double[] {10, 20, 30}, 3));
    assertValues(new double[] {0, 20, 0, 10, 0, 30}, new int[] {2, 3}, x.grad(), 1e-15);
  }

  @Test
  void tiedMaximaShareTheGradientEqually() {
    // rows [2,1,2] and [3,3,3]: two and three tied maxima
    Variable x = variable(new double[] {2, 1, 2, 3, 3, 3}, 2, 3);
    F.max(x, false, 1).backward(Tensor.of(new double[] {1, 6}, 2));
    assertValues(new double[] {0.5, 0, 0.5, 2, 2, 2}, new int[] {2, 3}, x.grad(), 1e-15);
  }

  @Test
  void tiedMinimaShareTheGradientEqually() {
    Variable x = variable(new double[] {1, 4, 1, 7}, 4);
    F.min(x, false).backward(Tensor.scalar(3));
    assertValues(new double[] {1.5, 0, 1.5, 0}, new int[] {4}, x.grad(), 1e-15);
  }

  @Test
  void argmaxPicksTheFirstMaximum() {
    // x = [[1,5,5],[7,2,7]]
    Variable x = new Variable(Tensor.of(new double[] {1, 5, 5, 7, 2, 7}, 2, 3));
    assertArrayEquals(new int[] {1, 0}, F.argmax(x, 1));
    assertArrayEquals(new int[] {1, 0, 1}, F.argmax(x, 0));
    assertArrayEquals(new int[] {1, 0}, F.argmax(x, -1));
  }

  @Test
  void argmaxOverAMiddleAxisIsInRowMajorOrderOfTheOtherAxes() {
    // x[i, j, k] = values below; argmax over j for each (i, k)
    Variable x =
        new Variable(Tensor.of(new double[] {0, 9, 1, 8, 2, 7, 5, 0, 6, 1, 4, 3}, 2, 3, 2));
    assertArrayEquals(new int[] {2, 0, 1, 2}, F.argmax(x, 1));
  }

  @Test
  void maxAndMinGradientsAwayFromTies() {
    Rng rng = new Rng(21);
    Variable x = new Variable(Tensor.randn(rng, 3, 4, 2), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.max(xs[0], false, 1), x);
    GradCheck.DEFAULT.assertGradients(xs -> F.max(xs[0], true, 0, 2), x);
    GradCheck.DEFAULT.assertGradients(xs -> F.max(xs[0], false), x);
    GradCheck.DEFAULT.assertGradients(xs -> F.min(xs[0], true, -1), x);
    GradCheck.DEFAULT.assertGradients(xs -> F.min(xs[0], false, 0, 1), x);
  }

  @Test
  void maxSecondDerivativeThroughAProduct() {
    Rng rng = new Rng(22);
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> F.mul(F.max(xs[0], false, 1), F.min(xs[0], false, 1)),
        new Variable(Tensor.randn(rng, 3, 4), true));
  }

  @Test
  void logsumexpGradients() {
    Rng rng = new Rng(23);
    Variable x = new Variable(Tensor.randn(rng, 3, 4), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.logsumexp(xs[0], 1, false), x);
    GradCheck.DEFAULT.assertGradients(xs -> F.logsumexp(xs[0], 0, true), x);
    GradCheck.DEFAULT.assertSecondOrder(xs -> F.logsumexp(xs[0], -1, false), x);
  }

  @Test
  void badAxesAreRejectedWithTheOpAndShape() {
    Variable x = new Variable(Tensor.zeros(2, 3));
    assertIllegalArgument(() -> F.max(x, false, 2), "max", "axis 2", "(2,3)");
    assertIllegalArgument(() -> F.max(x, false, 1, -1), "max", "repeated");
    assertIllegalArgument(
        () -> F.max(new Variable(Tensor.zeros(0, 3)), false), "max", "(0,3)", "empty");
    assertIllegalArgument(() -> F.argmax(x, 2), "argmax", "axis 2", "(2,3)");
    assertIllegalArgument(
        () -> F.argmax(new Variable(Tensor.zeros(3, 0)), 1),
        "argmax: axis 1 of shape (3,0) is empty");
  }
}
