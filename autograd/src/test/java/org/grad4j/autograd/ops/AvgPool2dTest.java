package org.grad4j.autograd.ops;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.stream.Stream;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvgPool2dTest {
  private static final ConvGeometry K3_S2_P1 = ConvGeometry.of(3, 2, 1);

  private static Variable oneToNine() {
    return new Variable(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3), true);
  }

  /** Windows cover {1,2,4,5}, {2,3,5,6}, {4,5,7,8}, {5,6,8,9} plus padding. */
  @Test
  void handCheckedValuesAndGradientCountingPadding() {
    Variable x = oneToNine();
    Variable y = F.avgPool2d(x, K3_S2_P1, true);
    assertArrayEquals(
        new double[] {12.0 / 9, 16.0 / 9, 24.0 / 9, 28.0 / 9}, y.data().toArray(), 1e-15);
    y.backward(Tensor.ones(1, 1, 2, 2));
    double c = 1.0 / 9;
    assertArrayEquals(
        new double[] {c, 2 * c, c, 2 * c, 4 * c, 2 * c, c, 2 * c, c},
        x.grad().data().toArray(),
        1e-15);
  }

  @Test
  void handCheckedValuesAndGradientExcludingPadding() {
    Variable x = oneToNine();
    Variable y = F.avgPool2d(x, K3_S2_P1, false);
    assertArrayEquals(new double[] {3, 4, 6, 7}, y.data().toArray(), 1e-15);
    y.backward(Tensor.ones(1, 1, 2, 2));
    assertArrayEquals(
        new double[] {0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25},
        x.grad().data().toArray(),
        1e-15);
  }

  /** A case: input (n, c, h, w), geometry, countIncludePad. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(2, 2, 4, 4, ConvGeometry.of(2, 2, 0), true),
        Arguments.of(1, 2, 7, 6, ConvGeometry.of(3, 2, 0), true),
        Arguments.of(2, 1, 5, 5, ConvGeometry.of(3, 2, 1), true),
        Arguments.of(2, 1, 5, 5, ConvGeometry.of(3, 2, 1), false),
        Arguments.of(
            1, 2, 5, 6, ConvGeometry.kernel(2, 3).withStride(2, 1).withPadding(1, 1), false),
        Arguments.of(1, 2, 4, 3, ConvGeometry.kernel(4, 3), true));
  }

  @ParameterizedTest(name = "[{index}] x=({0},{1},{2},{3}) {4} countIncludePad={5}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(
      int n, int c, int h, int w, ConvGeometry g, boolean countIncludePad) {
    Variable x = new Variable(Tensor.randn(new Rng(21), n, c, h, w), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.avgPool2d(xs[0], g, countIncludePad), x);
  }

  /** {@code avgPool(x)²}: the second derivative runs through the backward's own backward. */
  @Test
  void secondDerivativesMatchFiniteDifferences() {
    Variable x = new Variable(Tensor.randn(new Rng(22), 2, 2, 5, 4), true);
    for (boolean countIncludePad : new boolean[] {true, false}) {
      GradCheck.DEFAULT.assertSecondOrder(
          xs -> {
            Variable y = F.avgPool2d(xs[0], K3_S2_P1, countIncludePad);
            return F.mul(y, y);
          },
          x);
    }
  }

  @Test
  void globalAvgPoolAveragesEachPlane() {
    Variable x =
        new Variable(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 3, 1, 2));
    Variable y = F.globalAvgPool2d(x);
    assertArrayEquals(new int[] {2, 3, 1, 1}, y.shape().dims());
    assertArrayEquals(new double[] {1.5, 3.5, 5.5, 7.5, 9.5, 11.5}, y.data().toArray(), 0.0);
    Variable r = new Variable(Tensor.randn(new Rng(23), 2, 3, 4, 5), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.globalAvgPool2d(xs[0]), r);
  }

  @Test
  void badInputNamesTheOpAndTheShapes() {
    Variable x = new Variable(Tensor.zeros(2, 3, 4, 4));
    assertIllegalArgument(
        () -> F.avgPool2d(new Variable(Tensor.zeros(4, 4)), K3_S2_P1, true),
        "avgPool2d",
        "rank 4",
        "(4,4)");
    assertIllegalArgument(
        () -> F.avgPool2d(x, ConvGeometry.kernel(3, 2).withPadding(1, 2), true),
        "avgPool2d",
        "padding 1x2",
        "kernel 3x2");
    assertIllegalArgument(
        () -> F.avgPool2d(x, ConvGeometry.kernel(2, 7), false),
        "avgPool2d",
        "kernel span 2x7",
        "(2,3,4,4)");
    assertIllegalArgument(
        () -> F.avgPool2d(x, ConvGeometry.of(2, 1, 0).withDilation(1, 2), true),
        "avgPool2d",
        "dilation 1x2");
    assertIllegalArgument(
        () -> F.globalAvgPool2d(new Variable(Tensor.zeros(2, 3, 4))),
        "globalAvgPool2d",
        "rank 4",
        "(2,3,4)");
  }
}
