package org.grad4j.autograd.ops;

import static org.grad4j.autograd.ops.OpsTesting.assertValues;
import static org.grad4j.autograd.ops.OpsTesting.randn;
import static org.grad4j.autograd.ops.OpsTesting.variable;
import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** Hand-checked values, gradient checks and bad input for matmul and linear. */
class LinearAlgebraTest {
  @Test
  void matrixProductByHand() {
    Variable a = variable(new double[] {1, 2, 3, 4}, 2, 2);
    Variable b = variable(new double[] {5, 6, 7, 8}, 2, 2);
    Variable y = F.matmul(a, b);
    assertValues(new double[] {19, 22, 43, 50}, new int[] {2, 2}, y);
    // dA = gy · bᵀ and dB = aᵀ · gy with gy = ones
    y.backward(Tensor.ones(2, 2));
    assertValues(new double[] {11, 15, 11, 15}, new int[] {2, 2}, a.grad());
    assertValues(new double[] {4, 4, 6, 6}, new int[] {2, 2}, b.grad());
  }

  @Test
  void batchDimensionsBroadcast() {
    // a (2,1,2,2) = [I, 2I]; b (3,2,2) = [B0, B1, B2]; y[i, j] = (i + 1) · Bj
    Variable a = variable(new double[] {1, 0, 0, 1, 2, 0, 0, 2}, 2, 1, 2, 2);
    double[] bs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    Variable b = variable(bs, 3, 2, 2);
    Variable y = F.matmul(a, b);
    double[] expected = new double[24];
    for (int k = 0; k < 12; k++) {
      expected[k] = bs[k];
      expected[12 + k] = 2 * bs[k];
    }
    assertValues(expected, new int[] {2, 3, 2, 2}, y);
    // dB[j] = sum over i of a[i]ᵀ · gy[i, j] = (1 + 2) · gy for gy = ones
    y.backward(Tensor.ones(2, 3, 2, 2));
    assertValues(new double[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, new int[] {3, 2, 2}, b.grad());
    // dA[i] = sum over j of gy · Bjᵀ: row sums of B0 + B1 + B2 = [15+18, 21+24] per row
    assertValues(new double[] {33, 45, 33, 45, 33, 45, 33, 45}, new int[] {2, 1, 2, 2}, a.grad());
  }

  @Test
  void linearIsInputTimesWeightTransposedPlusBias() {
    Variable x = variable(new double[] {1, 2, 3}, 1, 3);
    Variable w = variable(new double[] {1, 0, 1, 0, 1, 0}, 2, 3);
    Variable b = variable(new double[] {10, 20}, 2);
    Variable y = F.linear(x, w, b);
    assertValues(new double[] {14, 22}, new int[] {1, 2}, y);
    y.backward(Tensor.of(new double[] {1, 2}, 1, 2));
    // dx = gy · w, dw = gyᵀ · x, db = gy
    assertValues(new double[] {1, 2, 1}, new int[] {1, 3}, x.grad());
    assertValues(new double[] {1, 2, 3, 2, 4, 6}, new int[] {2, 3}, w.grad());
    assertValues(new double[] {1, 2}, new int[] {2}, b.grad());
    Variable vector = variable(new double[] {1, 2, 3}, 3);
    assertValues(new double[] {4, 2}, new int[] {2}, F.linear(vector, w));
  }

  @Test
  void linearKeepsLeadingAxes() {
    Rng rng = new Rng(30);
    Variable x = randn(rng, 2, 3, 4);
    Variable w = randn(rng, 5, 4);
    Variable y = F.linear(x, w);
    assertEquals(Shape.of(2, 3, 5), y.shape());
    assertTrue(y.data().allClose(F.matmul(x, F.transpose(w)).data(), 1e-12, 1e-12));
  }

  @Test
  void matmulGradients() {
    Rng rng = new Rng(31);
    GradCheck.Fn matmul = xs -> F.matmul(xs[0], xs[1]);
    GradCheck.DEFAULT.assertGradients(matmul, randn(rng, 3, 4), randn(rng, 4, 2));
    GradCheck.DEFAULT.assertGradients(matmul, randn(rng, 2, 1, 3, 4), randn(rng, 3, 4, 2));
    GradCheck.DEFAULT.assertGradients(matmul, randn(rng, 3, 4), randn(rng, 2, 4, 2));
    GradCheck.DEFAULT.assertGradients(matmul, randn(rng, 1, 2, 3), randn(rng, 2, 1, 3, 2));
    GradCheck.DEFAULT.assertGradients(matmul, randn(rng, 2, 3, 4), randn(rng, 4, 2));
  }

  @Test
  void emptyStackProductsHaveZeroGradients() {
    for (int[][] shapes : new int[][][] {{{2, 3, 0}, {0, 4}}, {{2, 3, 4}, {4, 0}}}) {
      Variable a = new Variable(Tensor.zeros(shapes[0]), true);
      Variable b = new Variable(Tensor.zeros(shapes[1]), true);
      F.sum(F.matmul(a, b)).backward();
      assertEquals(a.shape(), a.grad().shape());
      assertEquals(b.shape(), b.grad().shape());
      assertEquals(0.0, a.grad().data().norm() + b.grad().data().norm());
    }
  }

  @Test
  void matmulSecondDerivatives() {
    Rng rng = new Rng(32);
    GradCheck.Fn matmul = xs -> F.matmul(xs[0], xs[1]);
    GradCheck.DEFAULT.assertSecondOrder(matmul, randn(rng, 3, 4), randn(rng, 4, 2));
    GradCheck.DEFAULT.assertSecondOrder(matmul, randn(rng, 2, 1, 2, 3), randn(rng, 3, 3, 2));
    GradCheck.DEFAULT.assertSecondOrder(matmul, randn(rng, 2, 2, 3), randn(rng, 3, 2));
  }

  @Test
  void linearGradientsAndSecondDerivatives() {
    Rng rng = new Rng(33);
    GradCheck.Fn linear = xs -> F.linear(xs[0], xs[1], xs.length > 2 ? xs[2] : null);
    GradCheck.DEFAULT.assertGradients(linear, randn(rng, 4, 3), randn(rng, 2, 3), randn(rng, 2));
    GradCheck.DEFAULT.assertGradients(linear, randn(rng, 2, 3, 3), randn(rng, 4, 3));
    GradCheck.DEFAULT.assertSecondOrder(
        linear, randn(rng, 2, 2, 3), randn(rng, 2, 3), randn(rng, 2));
  }

  @Test
  void badMatmulShapesNameTheShapes() {
    assertIllegalArgument(
        () -> F.matmul(new Variable(Tensor.zeros(2, 3)), new Variable(Tensor.zeros(4, 5))),
        "matmul: (2,3) @ (4,5): inner dimensions 3 and 4 differ");
    assertIllegalArgument(
        () -> F.matmul(new Variable(Tensor.zeros(2, 2, 3)), new Variable(Tensor.zeros(4, 5))),
        "matmul: (2,2,3) @ (4,5): inner dimensions 3 and 4 differ");
    assertIllegalArgument(
        () -> F.matmul(new Variable(Tensor.zeros(2, 3, 4)), new Variable(Tensor.zeros(5, 4, 6))),
        "matmul",
        "(2,3,4) @ (5,4,6)",
        "batch",
        "(2,)",
        "(5,)");
    assertIllegalArgument(
        () -> F.matmul(new Variable(Tensor.zeros(3)), new Variable(Tensor.zeros(3, 3))),
        "matmul",
        "rank at least 2",
        "(3,) @ (3,3)");
  }

  @Test
  void badLinearShapesNameTheShapes() {
    Variable w = new Variable(Tensor.zeros(3, 4));
    assertIllegalArgument(
        () -> F.linear(new Variable(Tensor.zeros(8, 5)), w),
        "linear: input (8,5) has 5 features but weight (3,4) expects 4");
    assertIllegalArgument(
        () -> F.linear(new Variable(Tensor.zeros(8, 4)), w, new Variable(Tensor.zeros(4))),
        "linear",
        "bias (4,)",
        "(3,4)",
        "(3,)");
    assertIllegalArgument(
        () -> F.linear(new Variable(Tensor.zeros(8, 4)), new Variable(Tensor.zeros(4))),
        "linear",
        "weight",
        "(4,)");
    assertIllegalArgument(
        () -> F.linear(new Variable(Tensor.scalar(1)), w), "linear", "rank at least 1", "()");
  }
}
