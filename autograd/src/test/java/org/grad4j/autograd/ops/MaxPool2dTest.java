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

class MaxPool2dTest {
  @Test
  void handCheckedValuesAndGradientWithATie() {
    Variable x =
        new Variable(
            Tensor.of(
                new double[] {
                  1, 5, 2, 0, //
                  3, 4, 8, 6, //
                  7, 0, 1, 2, //
                  9, 3, 4, 4
                },
                1,
                1,
                4,
                4),
            true);
    Variable y = F.maxPool2d(x, 2);
    assertArrayEquals(new double[] {5, 8, 9, 4}, y.data().toArray());
    assertArrayEquals(new int[] {1, 1, 2, 2}, y.shape().dims());

    y.backward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
    // The last window holds 1, 2, 4, 4: its gradient goes to the first 4, at (3, 2).
    assertArrayEquals(
        new double[] {
          0, 1, 0, 0, //
          0, 0, 2, 0, //
          0, 0, 0, 0, //
          3, 0, 4, 0
        },
        x.grad().data().toArray());
  }

  @Test
  void paddingActsAsMinusInfinity() {
    Variable x = new Variable(Tensor.of(new double[] {-1, -2, -3, -4}, 1, 1, 2, 2));
    Variable y = F.maxPool2d(x, ConvGeometry.of(2, 1, 1));
    assertArrayEquals(new double[] {-1, -1, -2, -1, -1, -2, -3, -3, -4}, y.data().toArray(), 0.0);
  }

  /** A case: input (n, c, h, w) and geometry. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(2, 2, 4, 4, ConvGeometry.of(2, 2, 0)),
        Arguments.of(1, 2, 7, 6, ConvGeometry.of(3, 2, 0)),
        Arguments.of(2, 1, 5, 5, ConvGeometry.of(3, 1, 1)),
        Arguments.of(1, 2, 5, 4, ConvGeometry.of(2, 2, 1)),
        Arguments.of(2, 2, 5, 7, ConvGeometry.kernel(2, 3).withStride(1, 2)),
        Arguments.of(1, 1, 6, 5, ConvGeometry.kernel(3, 2).withStride(2, 1).withPadding(1, 0)),
        Arguments.of(2, 2, 3, 4, ConvGeometry.kernel(3, 4)));
  }

  @ParameterizedTest(name = "[{index}] x=({0},{1},{2},{3}) {4}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(int n, int c, int h, int w, ConvGeometry g) {
    Variable x = new Variable(Tensor.randn(new Rng(11), n, c, h, w), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.maxPool2d(xs[0], g), x);
  }

  /**
   * Pooling is piecewise linear, so {@code maxPool(x)²} makes its second derivative nonzero: the
   * check runs through the scatter and its gather.
   */
  @Test
  void secondDerivativesMatchFiniteDifferences() {
    ConvGeometry g = ConvGeometry.of(3, 2, 1);
    Variable x = new Variable(Tensor.randn(new Rng(12), 2, 2, 5, 4), true);
    GradCheck.DEFAULT.assertSecondOrder(
        xs -> {
          Variable y = F.maxPool2d(xs[0], g);
          return F.mul(y, y);
        },
        x);
  }

  @Test
  void badInputNamesMaxPool2dAndTheShapes() {
    Variable x = new Variable(Tensor.zeros(2, 3, 4, 4));
    assertIllegalArgument(
        () -> F.maxPool2d(new Variable(Tensor.zeros(3, 4, 4)), 2),
        "maxPool2d",
        "rank 4",
        "(3,4,4)");
    assertIllegalArgument(
        () -> F.maxPool2d(x, ConvGeometry.of(2, 2, 2)),
        "maxPool2d",
        "padding 2x2",
        "half of the kernel 2x2",
        "PyTorch");
    assertIllegalArgument(() -> F.maxPool2d(x, 5), "maxPool2d", "kernel span 5x5", "(2,3,4,4)");
    assertIllegalArgument(
        () -> F.maxPool2d(x, ConvGeometry.of(2, 1, 0).withDilation(2, 2)),
        "maxPool2d",
        "dilation 2x2");
  }
}
