package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.naiveProduct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MatMulTest {

  static Stream<Arguments> shapesAndTransposes() {
    int[][] sizes = {
      {1, 1, 1},
      {1, 7, 1},
      {1, 13, 31},
      {31, 13, 1},
      {7, 1, 13},
      {13, 31, 7},
      {7, 13, 31},
      {31, 31, 31},
      {2, 3, 4},
      {64, 64, 64},
      {80, 90, 70},
      {160, 170, 163},
    };
    List<Arguments> out = new ArrayList<>();
    for (int[] s : sizes) {
      for (boolean transA : new boolean[] {false, true}) {
        for (boolean transB : new boolean[] {false, true}) {
          out.add(Arguments.of(s[0], s[1], s[2], transA, transB));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "({0}x{1}) @ ({1}x{2}), transA={3}, transB={4}")
  @MethodSource("shapesAndTransposes")
  void matchesTripleLoop(int m, int k, int n, boolean transA, boolean transB) {
    Rng rng = new Rng(1000L * m + 100L * k + n + (transA ? 7 : 0) + (transB ? 13 : 0));
    Tensor a = transA ? Tensor.randn(rng, k, m) : Tensor.randn(rng, m, k);
    Tensor b = transB ? Tensor.randn(rng, n, k) : Tensor.randn(rng, k, n);
    double[] aBefore = a.toArray();
    double[] bBefore = b.toArray();

    Tensor c = MatMul.multiply(a, transA, b, transB);

    assertEquals(Shape.of(m, n), c.shape());
    double[] expected = naiveProduct(a.toArray(), transA, b.toArray(), transB, m, k, n);
    double[] actual = c.toArray();
    for (int i = 0; i < expected.length; i++) {
      // Summation order may differ; the error grows at most with k.
      assertEquals(expected[i], actual[i], 1e-13 * k * (1 + Math.abs(expected[i])), "entry " + i);
    }
    assertArrayEquals(aBefore, a.toArray(), 0.0, "the left operand must not change");
    assertArrayEquals(bBefore, b.toArray(), 0.0, "the right operand must not change");
  }

  @Test
  void theLargeCasesReachTheConcurrentPaths() {
    assertTrue(64L * 64 * 64 >= EjmlBackend.CONCURRENT_THRESHOLD);
    assertTrue(31L * 31 * 31 < EjmlBackend.CONCURRENT_THRESHOLD);
    assertTrue(160L * 170 * 163 >= VectorBackend.CONCURRENT_THRESHOLD);
    assertTrue(80L * 90 * 70 < VectorBackend.CONCURRENT_THRESHOLD);
    assertFalse(VectorBackend.splitsK(160, 170, 163));
  }

  @Test
  void theBackendTestsCrossTheSplitOverK() {
    assertTrue(97L * 511 * 89 >= VectorBackend.CONCURRENT_THRESHOLD);
    assertFalse(VectorBackend.splitsK(97, 511, 89));
    assertTrue(VectorBackend.splitsK(97, 512, 89));
    assertTrue(VectorBackend.splitsK(7, 60013, 11));
    assertTrue(7L * 60013 * 11 >= VectorBackend.CONCURRENT_THRESHOLD);
    assertTrue(32L * 8191 * 17 >= VectorBackend.CONCURRENT_THRESHOLD);
  }

  @Test
  void theBackendTestsCrossTheColumnBlocks() {
    // Split by columns: each thread's 550 columns, with k = 300 (blocks of 150), span blocks.
    assertFalse(VectorBackend.splitsK(40, 300, 1100));
    assertTrue(550 > VectorBackend.columnBlock(150));
    assertTrue(40L * 300 * 1100 >= VectorBackend.CONCURRENT_THRESHOLD);
    // Split by k: each thread's 512 values of k are two blocks; its 530 columns span blocks.
    assertTrue(VectorBackend.splitsK(20, 1024, 530));
    assertTrue(530 > 2 * VectorBackend.columnBlock(VectorBackend.KC));
    assertTrue(20L * 1024 * 530 >= VectorBackend.CONCURRENT_THRESHOLD);
  }

  @Test
  void resultSplitOverKIsReproducibleBitForBit() {
    Tensor a = Tensor.randn(new Rng(3), 32, 8191);
    Tensor b = Tensor.randn(new Rng(4), 17, 8191);
    assertTrue(VectorBackend.splitsK(32, 8191, 17));
    double[] first = MatMul.multiply(a, false, b, true).toArray();
    for (int run = 0; run < 3; run++) {
      assertArrayEquals(first, MatMul.multiply(a, false, b, true).toArray(), 0.0);
    }
  }

  @Test
  void concurrentResultIsReproducibleBitForBit() {
    Tensor a = Tensor.randn(new Rng(1), 160, 170);
    Tensor b = Tensor.randn(new Rng(2), 170, 163);
    double[] first = MatMul.multiply(a, false, b, false).toArray();
    for (int run = 0; run < 3; run++) {
      assertArrayEquals(first, MatMul.multiply(a, false, b, false).toArray(), 0.0);
    }
  }

  @Test
  void handCheckedProducts() {
    Tensor a = Tensor.arange(6).reshape(2, 3); // [[0,1,2],[3,4,5]]
    Tensor b = Tensor.arange(6).reshape(3, 2); // [[0,1],[2,3],[4,5]]
    assertArrayEquals(
        new double[] {10, 13, 28, 40}, MatMul.multiply(a, false, b, false).toArray(), 0.0);
    // aᵀ · a = [[9,12,15],[12,17,22],[15,22,29]]
    assertArrayEquals(
        new double[] {9, 12, 15, 12, 17, 22, 15, 22, 29},
        MatMul.multiply(a, true, a, false).toArray(),
        0.0);
    // a · aᵀ = [[5,14],[14,50]]
    assertArrayEquals(
        new double[] {5, 14, 14, 50}, MatMul.multiply(a, false, a, true).toArray(), 0.0);
    // aᵀ · bᵀ = (b · a)ᵀ; b · a = [[3,4,5],[9,14,19],[15,24,33]]
    assertArrayEquals(
        new double[] {3, 9, 15, 4, 14, 24, 5, 19, 33},
        MatMul.multiply(a, true, b, true).toArray(),
        0.0);
  }

  @Test
  void innerDimensionMismatchNamesTheShapes() {
    assertIllegalArgument(
        () -> MatMul.multiply(Tensor.zeros(2, 3), false, Tensor.zeros(4, 5), false),
        "matmul: (2,3) @ (4,5): inner dimensions 3 and 4 differ");
    assertIllegalArgument(
        () -> MatMul.multiply(Tensor.zeros(3, 2), true, Tensor.zeros(4, 5), false),
        "matmul: (3,2)ᵀ @ (4,5): inner dimensions 3 and 4 differ");
    assertIllegalArgument(
        () -> MatMul.multiply(Tensor.zeros(2, 3), false, Tensor.zeros(5, 4), true),
        "matmul: (2,3) @ (5,4)ᵀ: inner dimensions 3 and 4 differ");
  }

  @Test
  void rejectsOperandsThatAreNotMatrices() {
    assertIllegalArgument(
        () -> MatMul.multiply(Tensor.zeros(3), false, Tensor.zeros(3, 3), false),
        "matmul: expected two matrices, got (3,) @ (3,3)");
    assertIllegalArgument(
        () -> MatMul.multiply(Tensor.zeros(2, 2), false, Tensor.zeros(2, 2, 2), false),
        "matmul",
        "(2,2,2)");
    assertIllegalArgument(
        () -> MatMul.multiply(Tensor.scalar(1), false, Tensor.scalar(1), false), "matmul", "()");
  }

  @Test
  void innerDimensionZeroGivesZeros() {
    assertArrayEquals(
        new double[6],
        MatMul.multiply(Tensor.zeros(2, 0), false, Tensor.zeros(0, 3), false).toArray(),
        0.0);
    Tensor c = MatMul.multiply(Tensor.zeros(0, 2), true, Tensor.zeros(3, 0), true);
    assertEquals(Shape.of(2, 3), c.shape());
    assertArrayEquals(new double[6], c.toArray(), 0.0);
  }

  @Test
  void emptyOuterDimensionsGiveEmptyResults() {
    assertEquals(
        Shape.of(0, 4),
        MatMul.multiply(Tensor.ones(0, 3), false, Tensor.ones(3, 4), false).shape());
    assertEquals(
        Shape.of(2, 0), MatMul.multiply(Tensor.ones(2, 3), false, Tensor.ones(0, 3), true).shape());
  }

  @Test
  void worksOnReshapedTensors() {
    Tensor a = Tensor.arange(12).reshape(3, 4);
    Tensor b = Tensor.arange(12).reshape(4, 3);
    assertArrayEquals(
        naiveProduct(a.toArray(), false, b.toArray(), false, 3, 4, 3), a.matmul(b).toArray(), 0.0);
  }

  /** multiplyInto writes over a reused buffer: every product element, even for k = 0. */
  @ParameterizedTest(name = "k = {0}")
  @ValueSource(ints = {0, 1, 5})
  void multiplyIntoOverwritesStaleValues(int k) {
    Rng rng = new Rng(9);
    Tensor a = Tensor.randn(rng, 3, k);
    Tensor b = Tensor.randn(rng, k, 4);
    double[] out = new double[15];
    Arrays.fill(out, Double.NaN);
    MatMul.multiplyInto(a, false, b, false, out);
    assertArrayEquals(
        naiveProduct(a.toArray(), false, b.toArray(), false, 3, k, 4),
        Arrays.copyOf(out, 12),
        1e-12);
    assertTrue(Double.isNaN(out[12]), "elements past m·n are left alone");
  }
}
