package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.assertRelativelyClose;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link Convolution} against the convolution written straight from its definition, {@code
 * y[n,o,oh,ow] = Σ w[o,c,i,j] · x[n,c, oh·s - p + i·d, ow·s - p + j·d]}, with no im2col.
 */
class ConvolutionTest {
  private static final double RTOL = 1e-12;

  /** Input (batch, cin, h, w), cout, and the geometry. */
  private record Case(int batch, int cin, int h, int w, int cout, ConvGeometry g) {
    int outH() {
      return g.outputHeight(h);
    }

    int outW() {
      return g.outputWidth(w);
    }

    @Override
    public String toString() {
      return String.format("x (%d,%d,%d,%d), cout %d, %s", batch, cin, h, w, cout, g);
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // Fewer kernel taps (1·3·3) than output channels: dW = gY · colsᵀ.
        Arguments.of(new Case(3, 1, 7, 6, 12, ConvGeometry.of(3, 1, 1))),
        // More taps (4·3·3) than output channels: dW = (cols · gYᵀ)ᵀ.
        Arguments.of(new Case(2, 4, 6, 7, 5, ConvGeometry.of(3, 2, 1))),
        Arguments.of(new Case(2, 3, 9, 8, 3, new ConvGeometry(2, 3, 1, 2, 1, 0, 2, 1))),
        Arguments.of(new Case(1, 2, 5, 5, 18, ConvGeometry.of(1, 1, 0))),
        // Large enough for every buffer to come from the pool, holding earlier calls' values.
        Arguments.of(new Case(4, 3, 20, 20, 8, ConvGeometry.of(3, 1, 1))));
  }

  /** The direct convolution, NCHW, plus bias. */
  private static double[] directConv(double[] x, double[] w, double[] bias, Case k) {
    ConvGeometry g = k.g;
    double[] y = new double[k.batch * k.cout * k.outH() * k.outW()];
    for (int n = 0; n < k.batch; n++) {
      for (int o = 0; o < k.cout; o++) {
        for (int oh = 0; oh < k.outH(); oh++) {
          for (int ow = 0; ow < k.outW(); ow++) {
            double s = bias == null ? 0 : bias[o];
            for (int c = 0; c < k.cin; c++) {
              for (int i = 0; i < g.kernelH(); i++) {
                for (int j = 0; j < g.kernelW(); j++) {
                  int ih = oh * g.strideH() - g.padH() + i * g.dilationH();
                  int iw = ow * g.strideW() - g.padW() + j * g.dilationW();
                  if (ih >= 0 && ih < k.h && iw >= 0 && iw < k.w) {
                    s +=
                        w[((o * k.cin + c) * g.kernelH() + i) * g.kernelW() + j]
                            * x[((n * k.cin + c) * k.h + ih) * k.w + iw];
                  }
                }
              }
            }
            y[((n * k.cout + o) * k.outH() + oh) * k.outW() + ow] = s;
          }
        }
      }
    }
    return y;
  }

  /** NCHW {@code (N, C, Ho, Wo)} as rows {@code (C, N·Ho·Wo)}. */
  private static Tensor toRows(Tensor images) {
    return images.permute(1, 0, 2, 3).reshape(images.shape().dim(1), -1);
  }

  private static Tensor weightOf(Case k, Rng rng) {
    return Tensor.randn(rng, k.cout, k.cin, k.g.kernelH(), k.g.kernelW());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void outputImagesAndRowsMatchTheDirectConvolution(Case k) {
    Rng rng = new Rng(1);
    Tensor x = Tensor.randn(rng, k.batch, k.cin, k.h, k.w);
    Tensor w = weightOf(k, rng);
    Tensor bias = Tensor.randn(rng, k.cout);
    Tensor cols = Im2Col.im2col(x, k.g);
    double[] expected = directConv(x.data, w.data, bias.data, k);

    Tensor images = Convolution.outputImages(w, cols, bias, k.batch, k.outH(), k.outW());
    assertEquals(Shape.of(k.batch, k.cout, k.outH(), k.outW()), images.shape());
    for (int i = 0; i < expected.length; i++) {
      assertRelativelyClose(expected[i], images.data[i], RTOL, 1, k + " image element " + i);
    }

    Tensor rows = Convolution.outputRows(w, cols);
    Tensor expectedRows = toRows(new Tensor(images.shape(), directConv(x.data, w.data, null, k)));
    assertEquals(expectedRows.shape(), rows.shape());
    for (int i = 0; i < rows.size(); i++) {
      assertRelativelyClose(expectedRows.data[i], rows.data[i], RTOL, 1, k + " row element " + i);
    }
  }

  /** The transposed convolution is the adjoint of conv2d: {@code <conv(x), g> = <x, convᵀ(g)>}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void transposedIsTheAdjointOfTheConvolution(Case k) {
    Rng rng = new Rng(2);
    Tensor x = Tensor.randn(rng, k.batch, k.cin, k.h, k.w);
    Tensor w = weightOf(k, rng);
    Tensor g = Tensor.randn(rng, k.batch, k.cout, k.outH(), k.outW());

    Tensor gx = Convolution.transposed(w, toRows(g), x.shape(), k.g);

    assertEquals(x.shape(), gx.shape());
    double lhs = dot(directConv(x.data, w.data, null, k), g.data);
    assertRelativelyClose(lhs, dot(x.data, gx.data), RTOL, Math.abs(lhs), k);
  }

  /** {@code dW[o,c,i,j] = Σ g[n,o,oh,ow] · x[n,c,ih,iw]}, in either arrangement of the product. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void weightGradientMatchesItsDefinition(Case k) {
    Rng rng = new Rng(3);
    Tensor x = Tensor.randn(rng, k.batch, k.cin, k.h, k.w);
    Tensor g = Tensor.randn(rng, k.batch, k.cout, k.outH(), k.outW());
    Shape weightShape = Shape.of(k.cout, k.cin, k.g.kernelH(), k.g.kernelW());

    Tensor dw = Convolution.weightGradient(Im2Col.im2col(x, k.g), toRows(g), weightShape);

    assertEquals(weightShape, dw.shape());
    for (int e = 0; e < weightShape.size(); e++) {
      double[] unit = new double[weightShape.size()];
      unit[e] = 1;
      // dW[e] = <conv(x, unit weight e), g>.
      double expected = dot(directConv(x.data, unit, null, k), g.data);
      assertRelativelyClose(expected, dw.data[e], RTOL, Math.abs(expected), k + " weight " + e);
    }
  }

  /** The scratch buffers hold the previous call's values; results must not depend on them. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resultsDoNotDependOnEarlierCalls(Case k) {
    Rng rng = new Rng(4);
    Tensor x = Tensor.randn(rng, k.batch, k.cin, k.h, k.w);
    Tensor w = weightOf(k, rng);
    Tensor g = toRows(Tensor.randn(rng, k.batch, k.cout, k.outH(), k.outW()));
    Tensor cols = Im2Col.im2col(x, k.g);
    CoreAssertions.poisonPool(x.size());
    CoreAssertions.poisonPool(cols.size());
    CoreAssertions.poisonPool(k.batch * k.cout * k.outH() * k.outW());
    Tensor first = Convolution.transposed(w, g, x.shape(), k.g);
    Tensor images = Convolution.outputImages(w, cols, null, k.batch, k.outH(), k.outW());
    for (double v : first.data) {
      assertTrue(Double.isFinite(v), "transposed read a stale pooled value");
    }
    for (double v : images.data) {
      assertTrue(Double.isFinite(v), "outputImages read a stale pooled value");
    }

    Convolution.transposed(w.map(v -> 1e9), g, x.shape(), k.g);
    Convolution.outputImages(w.map(v -> -1e9), cols, null, k.batch, k.outH(), k.outW());

    assertArrayEquals(first.data, Convolution.transposed(w, g, x.shape(), k.g).data);
    assertArrayEquals(
        images.data, Convolution.outputImages(w, cols, null, k.batch, k.outH(), k.outW()).data);
  }

  @Test
  void transposedRejectsAGradientNotInRowsLayout() {
    Tensor w = Tensor.zeros(4, 2, 3, 3);
    Shape input = Shape.of(2, 2, 5, 5);
    assertIllegalArgument(
        () -> Convolution.transposed(w, Tensor.zeros(2, 4, 5, 5), input, ConvGeometry.of(3, 1, 1)),
        "convTranspose2d",
        "(4,50)",
        "(2,4,5,5)");
  }

  /** A weight that does not fit the input would leave stale rows in the pooled column matrix. */
  @Test
  void transposedRejectsAWeightThatDoesNotFitTheInput() {
    Shape input = Shape.of(2, 4, 8, 8);
    ConvGeometry g = ConvGeometry.of(3, 1, 1);
    Tensor gRows = Tensor.zeros(2, 128);
    assertIllegalArgument(
        () -> Convolution.transposed(Tensor.zeros(2, 2, 3, 3), gRows, input, g),
        "convTranspose2d",
        "(2,2,3,3)",
        "(Cout,4,3,3)");
    assertIllegalArgument(
        () -> Convolution.transposed(Tensor.zeros(2, 4, 2, 2), gRows, input, g),
        "convTranspose2d",
        "(2,4,2,2)");
  }

  @Test
  void weightGradientRejectsAGradientNotInRowsLayout() {
    Tensor cols = Im2Col.im2col(Tensor.zeros(2, 2, 8, 8), ConvGeometry.of(3, 1, 1));
    assertIllegalArgument(
        () -> Convolution.weightGradient(cols, Tensor.zeros(2, 2, 8, 8), Shape.of(2, 2, 3, 3)),
        "conv2dWeightGrad",
        "(2,2,8,8)");
    assertIllegalArgument(
        () -> Convolution.weightGradient(cols, Tensor.zeros(3, 128), Shape.of(2, 2, 3, 3)),
        "conv2dWeightGrad",
        "(3,128)");
  }

  @Test
  void outputsRejectAWeightOrBiasThatDoesNotFitTheColumns() {
    Tensor cols = Im2Col.im2col(Tensor.zeros(2, 2, 8, 8), ConvGeometry.of(3, 1, 1));
    assertIllegalArgument(
        () -> Convolution.outputImages(Tensor.zeros(4, 3, 3, 3), cols, null, 2, 8, 8),
        "conv2d",
        "(4,3,3,3)",
        "(18,128)");
    assertIllegalArgument(
        () -> Convolution.outputRows(Tensor.zeros(4, 3, 3, 3), cols), "conv2d", "(4,3,3,3)");
    assertIllegalArgument(
        () -> Convolution.outputImages(Tensor.zeros(4, 2, 3, 3), cols, Tensor.zeros(3), 2, 8, 8),
        "conv2d: bias of shape (3,)",
        "expected shape (4,)");
  }
}
