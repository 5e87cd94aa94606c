package org.grad4j.core;

import static org.ejml.dense.row.RandomMatrices_DDRM.rectangleGaussian;
import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.naiveProduct;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every backend, called by name, against a plain triple loop. */
class MatMulBackendTest {
  static Stream<String> backends() {
    return MatMul.backendNames().stream();
  }

  /**
   * Sizes {m, k, n}: single elements, thin and prime shapes, and products that cross the Vector
   * backend's blocks of k and columns (with a last block of fewer than NR columns), its edge tiles
   * and its split over threads: by rows or columns, and by k on either side of its threshold (odd
   * k, n below and just above NR, edge rows).
   */
  private static final int[][] SIZES = {
    {1, 1, 1},
    {1, 300, 1},
    {5, 1, 17},
    {6, 256, 16},
    {7, 257, 17},
    {13, 600, 37},
    {2, 3, 1000},
    {1000, 3, 2},
    {97, 31, 59},
    {253, 301, 331},
    {97, 511, 89},
    {97, 512, 89},
    {32, 8191, 17},
    {7, 60013, 11},
    {40, 300, 1100},
    {20, 1024, 530},
  };

  static Stream<Arguments> products() {
    List<Arguments> out = new ArrayList<>();
    for (String backend : MatMul.backendNames()) {
      for (int[] s : SIZES) {
        for (boolean transA : new boolean[] {false, true}) {
          for (boolean transB : new boolean[] {false, true}) {
            out.add(Arguments.of(backend, s[0], s[1], s[2], transA, transB));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: ({1}x{2}) @ ({2}x{3}), transA={4}, transB={5}")
  @MethodSource("products")
  void matchesTripleLoopAndOverwritesTheOutput(
      String backend, int m, int k, int n, boolean transA, boolean transB) {
    Random random = new Random(31L * m + 17L * k + n);
    DMatrixRMaj a =
        transA ? rectangleGaussian(k, m, 0, 1, random) : rectangleGaussian(m, k, 0, 1, random);
    DMatrixRMaj b =
        transB ? rectangleGaussian(n, k, 0, 1, random) : rectangleGaussian(k, n, 0, 1, random);
    double[] aBefore = a.data.clone();
    double[] bBefore = b.data.clone();
    DMatrixRMaj c = new DMatrixRMaj(m, n);
    Arrays.fill(c.data, Double.NaN);

    MatMul.backend(backend).multiply(a, transA, b, transB, c);

    double[] expected = naiveProduct(a.data, transA, b.data, transB, m, k, n);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], c.data[i], 1e-13 * k * (1 + Math.abs(expected[i])), "entry " + i);
    }
    assertArrayEquals(aBefore, a.data, 0.0, "the left operand must not change");
    assertArrayEquals(bBefore, b.data, 0.0, "the right operand must not change");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void emptyInnerDimensionGivesZeros(String backend) {
    DMatrixRMaj c = new DMatrixRMaj(2, 3);
    Arrays.fill(c.data, Double.NaN);
    MatMul.backend(backend).multiply(new DMatrixRMaj(0, 2), true, new DMatrixRMaj(3, 0), true, c);
    assertArrayEquals(new double[6], c.data, 0.0);
  }

  @ParameterizedTest
  @MethodSource("backends")
  void badOperandsNameTheShapes(String backend) {
    MatMulBackend b = MatMul.backend(backend);
    DMatrixRMaj x = new DMatrixRMaj(2, 3);
    assertIllegalArgument(
        () -> b.multiply(x, false, new DMatrixRMaj(4, 5), false, new DMatrixRMaj(2, 5)),
        "matmul: (2,3) @ (4,5): inner dimensions 3 and 4 differ");
    assertIllegalArgument(
        () -> b.multiply(x, true, new DMatrixRMaj(2, 5), false, new DMatrixRMaj(2, 5)),
        "matmul: (2,3)ᵀ @ (2,5) is (3,5) but the output is (2,5)");
    DMatrixRMaj square = new DMatrixRMaj(3, 3);
    assertIllegalArgument(
        () -> b.multiply(square, false, new DMatrixRMaj(3, 3), false, square),
        "must not share storage");
  }

  @ParameterizedTest
  @MethodSource("backends")
  void theNameSelectsTheBackend(String backend) {
    assertEquals(backend, MatMul.backend(backend).name());
  }
}
