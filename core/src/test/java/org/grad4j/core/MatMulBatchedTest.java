package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MatMulBatchedTest {
  /** Matrix {@code index} (row-major over the batch axes) of a stack of matrices. */
  private static Tensor matrixAt(Tensor t, int index) {
    int rows = t.shape().dim(-2);
    int cols = t.shape().dim(-1);
    int size = rows * cols;
    return Tensor.of(Arrays.copyOfRange(t.toArray(), index * size, (index + 1) * size), rows, cols);
  }

  /** The batch index of operand {@code batch} read at output batch position {@code outIndex}. */
  private static int sourceIndex(Shape batch, Shape outBatch, int outIndex) {
    int[] out = outBatch.unravel(outIndex);
    int offset = outBatch.rank() - batch.rank();
    int flat = 0;
    for (int axis = 0; axis < batch.rank(); axis++) {
      int d = batch.dim(axis);
      flat = flat * d + (d == 1 ? 0 : out[axis + offset]);
    }
    return flat;
  }

  private static Shape batchOf(Shape s) {
    return Shape.of(Arrays.copyOf(s.dims(), s.rank() - 2));
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(new int[] {3, 2, 4}, false, new int[] {3, 4, 5}, false, new int[] {3, 2, 5}),
        Arguments.of(
            new int[] {2, 1, 3, 4}, false, new int[] {5, 4, 6}, false, new int[] {2, 5, 3, 6}),
        Arguments.of(new int[] {3, 4}, false, new int[] {2, 4, 5}, false, new int[] {2, 3, 5}),
        Arguments.of(new int[] {2, 3, 4}, false, new int[] {4, 2}, false, new int[] {2, 3, 2}),
        Arguments.of(new int[] {2, 4, 3}, true, new int[] {2, 5, 4}, true, new int[] {2, 3, 5}),
        Arguments.of(
            new int[] {1, 3, 4, 2}, true, new int[] {2, 1, 4, 5}, false, new int[] {2, 3, 2, 5}),
        Arguments.of(new int[] {1, 2, 3}, false, new int[] {4, 2, 3}, true, new int[] {4, 2, 2}),
        Arguments.of(new int[] {1, 3, 4}, false, new int[] {1, 4, 2}, false, new int[] {1, 3, 2}),
        Arguments.of(new int[] {2, 64, 64}, false, new int[] {64, 64}, true, new int[] {2, 64, 64}),
        Arguments.of(new int[] {2, 3, 5, 4}, false, new int[] {6, 4}, true, new int[] {2, 3, 5, 6}),
        Arguments.of(new int[] {2, 3, 4}, false, new int[] {1, 4, 5}, false, new int[] {2, 3, 5}),
        Arguments.of(
            new int[] {3, 4}, false, new int[] {1, 1, 4, 5}, false, new int[] {1, 1, 3, 5}),
        Arguments.of(new int[] {2, 4, 3}, true, new int[] {4, 5}, false, new int[] {2, 3, 5}),
        Arguments.of(new int[] {2, 4, 3}, true, new int[] {5, 4}, true, new int[] {2, 3, 5}),
        Arguments.of(new int[] {0, 2, 3}, false, new int[] {3, 4}, false, new int[] {0, 2, 4}),
        Arguments.of(new int[] {2, 2, 0}, false, new int[] {0, 4}, false, new int[] {2, 2, 4}),
        Arguments.of(new int[] {1, 3, 0}, false, new int[] {5, 0, 6}, false, new int[] {5, 3, 6}));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void everyBatchMatrixIsTheTwoDimensionalProduct(
      int[] aDims, boolean transA, int[] bDims, boolean transB, int[] outDims) {
    Rng rng = new Rng(9);
    Tensor a = Tensor.randn(rng, aDims);
    Tensor b = Tensor.randn(rng, bDims);
    Tensor c = MatMul.multiplyBatched(a, transA, b, transB);
    Shape out = Shape.of(outDims);
    assertEquals(out, c.shape());
    Shape outBatch = batchOf(out);
    for (int i = 0; i < outBatch.size(); i++) {
      Tensor ai = matrixAt(a, sourceIndex(batchOf(a.shape()), outBatch, i));
      Tensor bi = matrixAt(b, sourceIndex(batchOf(b.shape()), outBatch, i));
      assertArrayEquals(
          MatMul.multiply(ai, transA, bi, transB).toArray(),
          matrixAt(c, i).toArray(),
          0.0,
          "batch matrix " + i);
    }
  }

  @Test
  void twoMatricesGoThroughThePlainProduct() {
    Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    Tensor b = Tensor.of(new double[] {5, 6, 7, 8}, 2, 2);
    assertArrayEquals(
        new double[] {19, 22, 43, 50}, MatMul.multiplyBatched(a, false, b, false).toArray(), 0.0);
  }

  @Test
  void aStackTimesOneMatrixIsOneProductOfItsRows() {
    Rng rng = new Rng(10);
    Tensor a = Tensor.randn(rng, 4, 3, 5);
    Tensor b = Tensor.randn(rng, 6, 5);
    Tensor rows = MatMul.multiply(a.reshape(12, 5), false, b, true);
    Tensor y = MatMul.multiplyBatched(a, false, b, true);
    assertEquals(Shape.of(4, 3, 6), y.shape());
    assertArrayEquals(rows.toArray(), y.toArray(), 0.0);
  }

  @Test
  void broadcastBatchByHand() {
    // a = [I, 2I] as (2,1,2,2), b = [B0, B1, B2] as (3,2,2): y[i, j] = (i + 1) Bj
    Tensor a = Tensor.of(new double[] {1, 0, 0, 1, 2, 0, 0, 2}, 2, 1, 2, 2);
    Tensor b = Tensor.arange(12).reshape(3, 2, 2);
    Tensor y = MatMul.multiplyBatched(a, false, b, false);
    assertEquals(Shape.of(2, 3, 2, 2), y.shape());
    assertArrayEquals(b.toArray(), Indexing.slice(y, 0, 0, 1).toArray(), 0.0);
    assertArrayEquals(b.mul(2).toArray(), Indexing.slice(y, 0, 1, 2).toArray(), 0.0);
  }

  @Test
  void badOperandsNameTheShapes() {
    assertIllegalArgument(
        () -> MatMul.multiplyBatched(Tensor.zeros(2, 2, 3), false, Tensor.zeros(4, 5), false),
        "matmul: (2,2,3) @ (4,5): inner dimensions 3 and 4 differ");
    assertIllegalArgument(
        () -> MatMul.multiplyBatched(Tensor.zeros(2, 3, 4), false, Tensor.zeros(5, 4, 6), false),
        "matmul: (2,3,4) @ (5,4,6) batch dimensions",
        "(2,)",
        "(5,)");
    assertIllegalArgument(
        () -> MatMul.multiplyBatched(Tensor.zeros(3), false, Tensor.zeros(2, 3, 3), false),
        "matmul",
        "rank at least 2",
        "(3,) @ (2,3,3)");
  }
}
