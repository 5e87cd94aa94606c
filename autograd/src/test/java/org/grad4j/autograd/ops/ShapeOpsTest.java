package org.grad4j.autograd.ops;

import static org.grad4j.autograd.ops.OpsTesting.assertValues;
import static org.grad4j.autograd.ops.OpsTesting.randn;
import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-checked values, gradient checks and bad input for the shape ops. */
class ShapeOpsTest {
  private static Variable arange(int... dims) {
    return new Variable(Tensor.arange(Shape.of(dims).size()).reshape(dims), true);
  }

  private static Variable matrix(double[][] rows) {
    double[] data = new double[rows.length * rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, data, i * rows[0].length, rows[0].length);
    }
    return new Variable(Tensor.of(data, rows.length, rows[0].length), true);
  }

  // ---------------------------------------------------------------- values by hand

  @Test
  void flattenMergesAxesKeepingTheOrder() {
    Variable x = arange(2, 3, 4);
    double[] values = Tensor.arange(24).toArray();
    assertValues(values, new int[] {2, 12}, F.flatten(x));
    assertValues(values, new int[] {6, 4}, F.flatten(x, 0, 1));
    assertValues(values, new int[] {24}, F.flatten(x, 0, -1));
    assertValues(values, new int[] {2, 3, 4}, F.flatten(x, 2, 2));
  }

  @Test
  void transposeSwapsTwoAxes() {
    // x[0] = [[0,1,2],[3,4,5]]; y[k, j, 0] = x[0, j, k]
    double[] transposed = {0, 3, 1, 4, 2, 5};
    assertValues(transposed, new int[] {3, 2, 1}, F.transpose(arange(1, 2, 3), 0, 2));
    assertValues(transposed, new int[] {1, 3, 2}, F.transpose(arange(1, 2, 3), -1, 1));
  }

  @Test
  void squeezeAndUnsqueezeChangeOnlyTheShape() {
    double[] values = {0, 1, 2, 3, 4, 5};
    assertValues(values, new int[] {2, 3}, F.squeeze(arange(2, 1, 3), 1));
    assertValues(values, new int[] {2, 3}, F.squeeze(arange(2, 3, 1), -1));
    assertValues(values, new int[] {1, 2, 3}, F.unsqueeze(arange(2, 3), 0));
    assertValues(values, new int[] {2, 1, 3}, F.unsqueeze(arange(2, 3), 1));
    assertValues(values, new int[] {2, 3, 1}, F.unsqueeze(arange(2, 3), 2));
    assertValues(values, new int[] {2, 3, 1}, F.unsqueeze(arange(2, 3), -1));
    assertValues(values, new int[] {1, 2, 3}, F.unsqueeze(arange(2, 3), -3));
  }

  @Test
  void concatJoinsAlongAnExistingAxis() {
    Variable a = matrix(new double[][] {{1, 2}, {3, 4}});
    Variable b = matrix(new double[][] {{5}, {6}});
    Variable c = matrix(new double[][] {{7, 8}});
    assertValues(new double[] {1, 2, 5, 3, 4, 6}, new int[] {2, 3}, F.concat(1, a, b));
    assertValues(new double[] {1, 2, 3, 4, 7, 8}, new int[] {3, 2}, F.concat(0, a, c));
    assertValues(new double[] {1, 2, 3, 4, 7, 8}, new int[] {3, 2}, F.concat(-2, a, c));
  }

  @Test
  void concatGradientIsTheSliceOfEachInput() {
    Variable a = matrix(new double[][] {{1, 2}, {3, 4}});
    Variable b = matrix(new double[][] {{5}, {6}});
    F.concat(1, a, b).backward(Tensor.of(new double[] {10, 20, 30, 40, 50, 60}, 2, 3));
    assertValues(new double[] {10, 20, 40, 50}, new int[] {2, 2}, a.grad());
    assertValues(new double[] {30, 60}, new int[] {2, 1}, b.grad());
  }

  @Test
  void stackJoinsAlongANewAxis() {
    Variable a = new Variable(Tensor.of(new double[] {1, 2}, 2), true);
    Variable b = new Variable(Tensor.of(new double[] {3, 4}, 2), true);
    assertValues(new double[] {1, 2, 3, 4}, new int[] {2, 2}, F.stack(0, a, b));
    assertValues(new double[] {1, 3, 2, 4}, new int[] {2, 2}, F.stack(1, a, b));
    assertValues(new double[] {1, 3, 2, 4}, new int[] {2, 2}, F.stack(-1, a, b));
    F.stack(1, a, b).backward(Tensor.of(new double[] {10, 30, 20, 40}, 2, 2));
    assertValues(new double[] {10, 20}, new int[] {2}, a.grad());
    assertValues(new double[] {30, 40}, new int[] {2}, b.grad());
  }

  @Test
  void sliceKeepsTheRangeAndItsGradientPadsWithZeros() {
    // x = [[0,1,2,3],[4,5,6,7],[8,9,10,11]]
    Variable x = arange(3, 4);
    Variable y = F.slice(x, 1, 1, 3);
    assertValues(new double[] {1, 2, 5, 6, 9, 10}, new int[] {3, 2}, y);
    y.backward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
    assertValues(new double[] {0, 1, 2, 0, 0, 3, 4, 0, 0, 5, 6, 0}, new int[] {3, 4}, x.grad());
    assertValues(new double[] {8, 9, 10, 11}, new int[] {1, 4}, F.slice(x, 0, 2, 3));
    assertValues(new double[0], new int[] {3, 0}, F.slice(x, -1, 2, 2));
  }

  @Test
  void gatherPicksOneElementPerRowAndScattersItsGradient() {
    Variable x = matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
    Variable y = F.gather(x, new int[] {2, 0});
    assertValues(new double[] {3, 4}, new int[] {2}, y);
    y.backward(Tensor.of(new double[] {10, 20}, 2));
    assertValues(new double[] {0, 0, 10, 20, 0, 0}, new int[] {2, 3}, x.grad());
  }

  @Test
  void gatherCopiesItsIndex() {
    int[] index = {0, 1};
    Variable x = matrix(new double[][] {{1, 2}, {3, 4}});
    Variable y = F.gather(x, index);
    index[0] = 1;
    y.backward(Tensor.ones(2));
    assertValues(new double[] {1, 0, 0, 1}, new int[] {2, 2}, x.grad());
  }

  // ---------------------------------------------------------------- gradient checks

  @Test
  void reshapingOpsPassGradientsThrough() {
    Rng rng = new Rng(11);
    GradCheck.DEFAULT.assertGradients(xs -> F.flatten(xs[0]), randn(rng, 2, 3, 2));
    GradCheck.DEFAULT.assertGradients(xs -> F.flatten(xs[0], 0, 1), randn(rng, 2, 3, 2));
    GradCheck.DEFAULT.assertGradients(xs -> F.transpose(xs[0], 0, 2), randn(rng, 2, 3, 4));
    GradCheck.DEFAULT.assertGradients(xs -> F.squeeze(xs[0], 1), randn(rng, 3, 1, 2));
    GradCheck.DEFAULT.assertGradients(xs -> F.unsqueeze(xs[0], -1), randn(rng, 3, 2));
  }

  @Test
  void joiningOpsGradients() {
    Rng rng = new Rng(12);
    GradCheck.DEFAULT.assertGradients(
        xs -> F.concat(1, xs), randn(rng, 2, 1, 3), randn(rng, 2, 3, 3), randn(rng, 2, 2, 3));
    GradCheck.DEFAULT.assertGradients(xs -> F.stack(1, xs), randn(rng, 2, 3), randn(rng, 2, 3));
  }

  @Test
  void concatGivesNoGradientToDataInputs() {
    Rng rng = new Rng(13);
    Variable data = new Variable(Tensor.randn(rng, 2, 2));
    Variable w = randn(rng, 2, 3);
    GradCheck.DEFAULT.assertGradients(xs -> F.concat(1, xs), data, w);
    F.sum(F.concat(1, data, w)).backward();
    assertTrue(data.grad() == null && w.grad() != null);
  }

  @Test
  void sliceAndGatherGradients() {
    Rng rng = new Rng(14);
    GradCheck.DEFAULT.assertGradients(xs -> F.slice(xs[0], 1, 1, 4), randn(rng, 2, 5, 3));
    GradCheck.DEFAULT.assertGradients(xs -> F.slice(xs[0], -1, 0, 2), randn(rng, 3, 4));
    GradCheck.DEFAULT.assertGradients(xs -> F.gather(xs[0], new int[] {3, 0, 3}), randn(rng, 3, 4));
  }

  /**
   * Flat positions that repeat, so ScatterAdd really adds: it and Gather are each other's backward.
   */
  @Test
  void gatherAndScatterAddAtRepeatedPositions() {
    Rng rng = new Rng(16);
    int[] index = {4, 0, 4, 5, 1, 4};
    GradCheck.DEFAULT.assertGradients(
        xs -> new Gather(index, Shape.of(3, 2)).apply(xs[0]), randn(rng, 2, 3));
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> {
          Variable s = new ScatterAdd(index, Shape.of(2, 3)).apply(xs[0]);
          return F.mul(s, s);
        },
        randn(rng, 3, 2));
  }

  /** The ops are linear, so second derivatives of a product of two of them are the real test. */
  @Test
  void secondDerivativesThroughSliceConcatAndGather() {
    Rng rng = new Rng(15);
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> F.mul(F.concat(1, F.slice(xs[0], 1, 1, 3), xs[1]), xs[0]),
        randn(rng, 2, 4),
        randn(rng, 2, 2));
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> {
          Variable g = F.gather(xs[0], new int[] {1, 0, 2});
          return F.mul(g, g);
        },
        randn(rng, 3, 3));
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void badShapesAreRejectedWithTheOpAndShapes() {
    Variable x = new Variable(Tensor.zeros(2, 3));
    assertIllegalArgument(() -> F.flatten(new Variable(Tensor.zeros(5))), "flatten", "(5,)");
    assertIllegalArgument(() -> F.flatten(arange(2, 3, 4), 2, 1), "flatten", "(2,3,4)", "after");
    assertIllegalArgument(() -> F.transpose(x, 0, 2), "transpose", "axis 2", "(2,3)");
    assertIllegalArgument(
        () -> F.squeeze(x, 1), "squeeze: axis 1 of shape (2,3) has size 3, not 1");
    assertIllegalArgument(() -> F.squeeze(x, -3), "squeeze", "(2,3)");
    assertIllegalArgument(() -> F.unsqueeze(x, 3), "unsqueeze", "axis 3", "(2,3)", "-3 to 2");
    assertIllegalArgument(() -> F.unsqueeze(x, -4), "unsqueeze", "axis -4", "(2,3)");
  }

  @Test
  void badJoinsAreRejectedWithTheShapes() {
    Variable a = new Variable(Tensor.zeros(2, 3));
    Variable b = new Variable(Tensor.zeros(2, 4));
    assertIllegalArgument(
        () -> F.concat(0, a, b),
        "concat: tensor 1 has shape (2,4) but tensor 0 has shape (2,3)",
        "except along axis 0");
    assertIllegalArgument(
        () -> F.concat(0, a, new Variable(Tensor.zeros(6))), "concat", "(6,)", "(2,3)");
    assertIllegalArgument(() -> F.concat(2, a, a), "concat", "axis 2", "(2,3)");
    assertIllegalArgument(() -> F.concat(0), "concat", "at least one");
    assertIllegalArgument(() -> F.stack(0, a, b), "stack", "tensor 1", "(2,4)", "(2,3)");
    assertIllegalArgument(() -> F.stack(3, a, a), "stack", "axis 3", "(2,3)");
    assertIllegalArgument(() -> F.stack(0), "stack", "at least one");
  }

  @Test
  void badSlicesAndIndicesAreRejected() {
    Variable x = new Variable(Tensor.zeros(3, 4));
    assertIllegalArgument(
        () -> F.slice(x, 1, 2, 5), "slice", "[2, 5)", "axis 1", "(3,4)", "size 4");
    assertIllegalArgument(() -> F.slice(x, 0, 2, 1), "slice", "[2, 1)", "(3,4)");
    assertIllegalArgument(() -> F.slice(x, 0, -1, 1), "slice", "[-1, 1)");
    assertIllegalArgument(() -> F.slice(x, 2, 0, 1), "slice", "axis 2", "(3,4)");
    assertIllegalArgument(
        () -> F.gather(x, new int[] {0, 1}), "gather", "2 indices", "3 rows", "(3,4)");
    assertIllegalArgument(
        () -> F.gather(x, new int[] {0, 4, 1}),
        "gather: index 4 at row 1 is out of range for 4 columns of shape (3,4)");
    assertIllegalArgument(() -> F.gather(x, new int[] {0, -1, 1}), "gather", "index -1");
    assertIllegalArgument(
        () -> F.gather(new Variable(Tensor.zeros(3)), new int[] {0, 0, 0}), "gather", "(3,)");
  }
}
