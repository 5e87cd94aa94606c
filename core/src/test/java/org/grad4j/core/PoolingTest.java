package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PoolingTest {
  /** Two 3x3 planes; kernel 2, stride 1 gives 2x2 windows. */
  @Test
  void maxPoolFindsEachWindowsMaximumAndItsFlatIndex() {
    Tensor x =
        Tensor.of(
            new double[] {
              1, 9, 2, //
              4, 3, 8, //
              7, 5, 6, //
              -1, -1, -3, //
              -2, -4, -5, //
              -6, 0, -7
            },
            1,
            2,
            3,
            3);
    Pooling.MaxResult r = Pooling.maxPool2d(x, ConvGeometry.of(2, 1, 0));
    assertArrayEquals(new int[] {1, 2, 2, 2}, r.values().shape().dims());
    assertArrayEquals(new double[] {9, 9, 7, 8, -1, -1, 0, 0}, r.values().toArray(), 0.0);
    // In the second plane's first window -1 appears twice: the first one (index 9) wins.
    assertArrayEquals(new int[] {1, 1, 6, 5, 9, 10, 16, 16}, r.argmax());
  }

  @Test
  void maxPoolPaddingNeverWinsAndNaNPropagates() {
    Tensor x = Tensor.of(new double[] {-5, Double.NaN, -7, -8}, 1, 1, 2, 2);
    Pooling.MaxResult r = Pooling.maxPool2d(x, ConvGeometry.of(2, 2, 1));
    assertArrayEquals(new double[] {-5, Double.NaN, -7, -8}, r.values().toArray(), 0.0);
    assertArrayEquals(new int[] {0, 1, 2, 3}, r.argmax());
    Pooling.MaxResult all = Pooling.maxPool2d(x, ConvGeometry.of(2, 1, 0));
    assertTrue(Double.isNaN(all.values().item()));
  }

  static Stream<Arguments> maxPoolCases() {
    return Stream.of(
        // 21 planes of 61x53: the planes split over threads; odd sizes leave rows and columns out
        Arguments.of(new int[] {3, 7, 61, 53}, ConvGeometry.of(2, 2, 0)),
        Arguments.of(new int[] {3, 7, 61, 53}, ConvGeometry.of(3, 2, 1)),
        Arguments.of(new int[] {2, 3, 9, 11}, ConvGeometry.of(3, 3, 0)),
        Arguments.of(new int[] {2, 3, 9, 11}, ConvGeometry.kernel(2, 3).withStride(2, 3)),
        Arguments.of(new int[] {1, 2, 7, 5}, ConvGeometry.of(2, 1, 0)),
        Arguments.of(new int[] {1, 2, 7, 5}, ConvGeometry.kernel(3, 2).withStride(1, 2)),
        Arguments.of(new int[] {2, 2, 6, 6}, ConvGeometry.of(2, 2, 1)));
  }

  /**
   * Against the definition, window by window: inputs from a few integers (ties everywhere), signed
   * zeros, -infinity and NaNs of both signs; values and arg-max indices must agree exactly.
   */
  @ParameterizedTest
  @MethodSource("maxPoolCases")
  void maxPoolMatchesAPlainLoopOnTiesZerosAndNaN(int[] dims, ConvGeometry g) {
    Rng rng = new Rng(Arrays.hashCode(dims) * 31L + g.hashCode());
    double[] special = {
      Double.NaN, Double.longBitsToDouble(0xfff8000000000000L), -0.0, 0.0, Double.NEGATIVE_INFINITY
    };
    double[] values = new double[Shape.of(dims).size()];
    for (int i = 0; i < values.length; i++) {
      int pick = rng.nextInt(60);
      values[i] = pick < special.length ? special[pick] : pick % 7 - 3;
    }
    Tensor x = Tensor.of(values, dims);
    Pooling.MaxResult r = Pooling.maxPool2d(x, g);

    int h = dims[2];
    int w = dims[3];
    int outH = r.values().shape().dim(2);
    int outW = r.values().shape().dim(3);
    double[] expected = new double[r.argmax().length];
    int[] expectedArgmax = new int[expected.length];
    for (int plane = 0; plane < dims[0] * dims[1]; plane++) {
      for (int oh = 0; oh < outH; oh++) {
        for (int ow = 0; ow < outW; ow++) {
          double max = Double.NEGATIVE_INFINITY;
          int best = -1;
          for (int ih = oh * g.strideH() - g.padH();
              ih < oh * g.strideH() - g.padH() + g.kernelH();
              ih++) {
            for (int iw = ow * g.strideW() - g.padW();
                iw < ow * g.strideW() - g.padW() + g.kernelW();
                iw++) {
              if (ih < 0 || ih >= h || iw < 0 || iw >= w) {
                continue;
              }
              int i = (plane * h + ih) * w + iw;
              if (best < 0 || values[i] > max || Double.isNaN(values[i])) {
                max = values[i];
                best = i;
              }
            }
          }
          int o = (plane * outH + oh) * outW + ow;
          expected[o] = max;
          expectedArgmax[o] = best;
        }
      }
    }
    assertArrayEquals(expected, r.values().toArray());
    assertArrayEquals(expectedArgmax, r.argmax());
  }

  /** x = 1..16 in one 4x4 plane; kernel 3, stride 2, padding 1 gives a 2x2 output. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void avgPoolDividesByKernelAreaOrByPixelsCovered(boolean countIncludePad) {
    double[] values = new double[16];
    for (int i = 0; i < 16; i++) {
      values[i] = i + 1;
    }
    Tensor x = Tensor.of(values, 1, 1, 4, 4);
    Tensor y = Pooling.avgPool2d(x, ConvGeometry.of(3, 2, 1), countIncludePad);
    // windows (rows x columns): {0,1} x {0,1}, {0,1} x {1,2,3}, {1,2,3} x {0,1}, {1,2,3} x {1,2,3}
    double[] sums = {1 + 2 + 5 + 6, 2 + 3 + 4 + 6 + 7 + 8, 5 + 6 + 9 + 10 + 13 + 14, 21 + 33 + 45};
    double[] pixels = {4, 6, 6, 9};
    double[] expected = new double[4];
    for (int i = 0; i < 4; i++) {
      expected[i] = sums[i] / (countIncludePad ? 9 : pixels[i]);
    }
    assertArrayEquals(expected, y.toArray(), 1e-14);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void avgPoolBackwardIsTheAdjoint(boolean countIncludePad) {
    Rng rng = new Rng(2);
    ConvGeometry[] geometries = {
      ConvGeometry.of(2, 2, 0),
      ConvGeometry.of(3, 2, 1),
      ConvGeometry.kernel(2, 3).withStride(1, 2).withPadding(1, 1),
      ConvGeometry.kernel(5, 4)
    };
    for (ConvGeometry g : geometries) {
      Tensor x = Tensor.randn(rng, 2, 3, 5, 4);
      Tensor y = Pooling.avgPool2d(x, g, countIncludePad);
      Tensor u = Tensor.randn(rng, y.shape().dims());
      double lhs = dot(y.toArray(), u.toArray());
      double rhs =
          dot(x.toArray(), Pooling.avgPool2dBackward(u, x.shape(), g, countIncludePad).toArray());
      assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)), g::toString);
    }
  }

  @Test
  void badGeometryAndShapesAreNamed() {
    Tensor x = Tensor.zeros(2, 3, 4, 4);
    assertIllegalArgument(
        () -> Pooling.maxPool2d(Tensor.zeros(4, 4), ConvGeometry.of(2, 2, 0)),
        "maxPool2d",
        "rank 4",
        "(4,4)");
    assertIllegalArgument(
        () -> Pooling.avgPool2d(x, ConvGeometry.kernel(2, 3).withPadding(1, 2), true),
        "avgPool2d",
        "padding 1x2",
        "kernel 2x3",
        "PyTorch");
    assertIllegalArgument(
        () -> Pooling.maxPool2d(x, ConvGeometry.of(2, 1, 0).withDilation(2, 1)),
        "maxPool2d",
        "dilation 2x1");
    assertIllegalArgument(
        () -> Pooling.maxPool2d(x, ConvGeometry.kernel(7, 2).withPadding(1, 0)),
        "maxPool2d",
        "kernel span 7x2",
        "(2,3,4,4)",
        "padded by 1x0");
    assertIllegalArgument(
        () ->
            Pooling.avgPool2dBackward(
                Tensor.zeros(2, 3, 3, 3), x.shape(), ConvGeometry.of(2, 2, 0), true),
        "avgPool2d",
        "(2,3,3,3)",
        "(2,3,2,2)");
  }
}
