package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.assertRelativelyClose;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Im2ColTest {

  /** One case of the grid: an input shape and a geometry. */
  private record Case(int batch, int channels, int h, int w, ConvGeometry g) {
    Shape shape() {
      return Shape.of(batch, channels, h, w);
    }

    @Override
    public String toString() {
      return "input " + shape() + ", " + g;
    }
  }

  /** Output size written out independently of ConvGeometry; below 1 when nothing fits. */
  private static int naiveOutputSize(int in, int kernel, int stride, int pad, int dilation) {
    int span = dilation * (kernel - 1) + 1;
    if (span > in + 2 * pad) {
      return 0;
    }
    return (in + 2 * pad - span) / stride + 1;
  }

  /**
   * im2col written the obvious way: for every output position and kernel tap, read the input pixel
   * if it lies inside the image, else 0. Row {@code (c*kh + i)*kw + j}, column {@code (b*Ho +
   * oh)*Wo + ow}.
   */
  private static double[][] naiveIm2col(Tensor x, Case k) {
    ConvGeometry g = k.g;
    int outH = naiveOutputSize(k.h, g.kernelH(), g.strideH(), g.padH(), g.dilationH());
    int outW = naiveOutputSize(k.w, g.kernelW(), g.strideW(), g.padW(), g.dilationW());
    double[][] cols = new double[k.channels * g.kernelH() * g.kernelW()][k.batch * outH * outW];
    for (int b = 0; b < k.batch; b++) {
      for (int c = 0; c < k.channels; c++) {
        for (int i = 0; i < g.kernelH(); i++) {
          for (int j = 0; j < g.kernelW(); j++) {
            for (int oh = 0; oh < outH; oh++) {
              for (int ow = 0; ow < outW; ow++) {
                int ih = oh * g.strideH() - g.padH() + i * g.dilationH();
                int iw = ow * g.strideW() - g.padW() + j * g.dilationW();
                boolean inside = ih >= 0 && ih < k.h && iw >= 0 && iw < k.w;
                int row = (c * g.kernelH() + i) * g.kernelW() + j;
                int col = (b * outH + oh) * outW + ow;
                cols[row][col] = inside ? x.get(b, c, ih, iw) : 0.0;
              }
            }
          }
        }
      }
    }
    return cols;
  }

  /** The grid of the brief, for one kernel and one spatial input size. */
  private static List<Case> grid(int kh, int kw, int h, int w) {
    List<Case> cases = new ArrayList<>();
    for (int sh = 1; sh <= 3; sh++) {
      for (int sw = 1; sw <= 3; sw++) {
        for (int ph = 0; ph <= 2; ph++) {
          for (int pw = 0; pw <= 2; pw++) {
            for (int dh = 1; dh <= 2; dh++) {
              for (int dw = 1; dw <= 2; dw++) {
                ConvGeometry g = new ConvGeometry(kh, kw, sh, sw, ph, pw, dh, dw);
                for (int batch : new int[] {1, 3}) {
                  for (int channels : new int[] {1, 2}) {
                    cases.add(new Case(batch, channels, h, w, g));
                  }
                }
              }
            }
          }
        }
      }
    }
    return cases;
  }

  static Stream<Arguments> kernelsAndInputs() {
    int[][] kernels = {{1, 1}, {2, 3}, {3, 1}, {3, 3}};
    int[][] inputs = {{5, 7}, {4, 4}, {2, 6}};
    List<Arguments> out = new ArrayList<>();
    for (int[] k : kernels) {
      for (int[] in : inputs) {
        out.add(Arguments.of(k[0], k[1], in[0], in[1]));
      }
    }
    return out.stream();
  }

  private static boolean fits(Case k) {
    ConvGeometry g = k.g;
    return naiveOutputSize(k.h, g.kernelH(), g.strideH(), g.padH(), g.dilationH()) > 0
        && naiveOutputSize(k.w, g.kernelW(), g.strideW(), g.padW(), g.dilationW()) > 0;
  }

  @ParameterizedTest(name = "kernel {0}x{1}, input {2}x{3}")
  @MethodSource("kernelsAndInputs")
  void layoutMatchesNaiveImplementation(int kh, int kw, int h, int w) {
    Rng rng = new Rng(31L * kh + 7L * kw + 101L * h + w);
    int checked = 0;
    for (Case k : grid(kh, kw, h, w)) {
      // Values in [1, 2) so that a 0 in the columns can only come from padding.
      Tensor x = Tensor.uniform(rng, 1.0, 2.0, k.shape().dims());
      if (!fits(k)) {
        assertIllegalArgument(() -> Im2Col.im2col(x, k.g), "ConvGeometry", "exceeds");
        continue;
      }
      double[][] expected = naiveIm2col(x, k);
      Tensor cols = Im2Col.im2col(x, k.g);
      assertEquals(Shape.of(expected.length, expected[0].length), cols.shape(), k.toString());
      assertEquals(cols.shape(), Im2Col.columnShape(k.shape(), k.g), k.toString());
      for (int r = 0; r < expected.length; r++) {
        for (int c = 0; c < expected[r].length; c++) {
          if (expected[r][c] != cols.get(r, c)) {
            assertEquals(
                expected[r][c], cols.get(r, c), k + ": column entry (" + r + "," + c + ")");
          }
        }
      }
      checked++;
    }
    assertTrue(checked > 0, "no geometry of the grid fitted the input");
  }

  @ParameterizedTest(name = "kernel {0}x{1}, input {2}x{3}")
  @MethodSource("kernelsAndInputs")
  void col2imIsTheAdjointOfIm2col(int kh, int kw, int h, int w) {
    Rng rng = new Rng(17L * kh + 3L * kw + 1009L * h + w);
    int checked = 0;
    for (Case k : grid(kh, kw, h, w)) {
      if (!fits(k)) {
        continue;
      }
      Tensor x = Tensor.randn(rng, k.shape().dims());
      Tensor c = Tensor.randn(rng, Im2Col.columnShape(k.shape(), k.g).dims());
      Tensor image = Im2Col.col2im(c, k.shape(), k.g);
      assertEquals(k.shape(), image.shape());
      double lhs = dot(Im2Col.im2col(x, k.g).toArray(), c.toArray());
      double rhs = dot(x.toArray(), image.toArray());
      double scale = Math.sqrt((double) c.size() * x.size());
      assertRelativelyClose(lhs, rhs, 1e-12, scale, k);
      checked++;
    }
    assertTrue(checked > 0, "no geometry of the grid fitted the input");
  }

  @Test
  void handCheckedColumns() {
    // x = [[0,1,2],[3,4,5],[6,7,8]]; 2x2 windows at (0,0), (0,1), (1,0), (1,1).
    Tensor x = Tensor.arange(9).reshape(1, 1, 3, 3);
    Tensor cols = Im2Col.im2col(x, ConvGeometry.kernel(2, 2));
    assertEquals(Shape.of(4, 4), cols.shape());
    assertArrayEquals(
        new double[] {
          0, 1, 3, 4, // tap (0,0)
          1, 2, 4, 5, // tap (0,1)
          3, 4, 6, 7, // tap (1,0)
          4, 5, 7, 8, // tap (1,1)
        },
        cols.toArray(),
        0.0);
  }

  @Test
  void handCheckedPaddedColumns() {
    // x = [[1,2],[3,4]], kernel 2x2, padding 1, stride 2: windows start at (-1,-1), (-1,1),
    // (1,-1), (1,1) and each sees exactly one pixel, through a different tap.
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2);
    Tensor cols = Im2Col.im2col(x, ConvGeometry.of(2, 2, 1));
    assertEquals(Shape.of(4, 4), cols.shape());
    assertArrayEquals(
        new double[] {
          0, 0, 0, 4, // tap (0,0): only the window at (1,1) lands on a pixel
          0, 0, 3, 0, // tap (0,1)
          0, 2, 0, 0, // tap (1,0)
          1, 0, 0, 0, // tap (1,1)
        },
        cols.toArray(),
        0.0);
  }

  @Test
  void col2imOfOnesCountsHowOftenEachPixelIsRead() {
    Shape shape = Shape.of(1, 1, 3, 3);
    ConvGeometry g = ConvGeometry.kernel(2, 2);
    Tensor counts = Im2Col.col2im(Tensor.ones(Im2Col.columnShape(shape, g)), shape, g);
    assertArrayEquals(new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, counts.toArray(), 0.0);

    // Stride 2 with a 2x2 kernel on 5x5: the last row and column are never read.
    Shape five = Shape.of(1, 1, 5, 5);
    ConvGeometry strided = ConvGeometry.of(2, 2, 0);
    Tensor c5 = Im2Col.col2im(Tensor.ones(Im2Col.columnShape(five, strided)), five, strided);
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 5; j++) {
        assertEquals(i < 4 && j < 4 ? 1.0 : 0.0, c5.get(0, 0, i, j), "pixel " + i + "," + j);
      }
    }
  }

  @Test
  void weightTimesColumnsIsTheSeedConvolution() {
    Tensor x = Tensor.arange(96).reshape(2, 3, 4, 4);
    Tensor w = Tensor.arange(54).reshape(2, 27);
    ConvGeometry g = ConvGeometry.of(3, 1, 0);
    Tensor y = w.matmul(Im2Col.im2col(x, g)); // (Cout, B*Ho*Wo), columns ordered (b, oh, ow)
    assertEquals(Shape.of(2, 8), y.shape());
    assertArrayEquals(
        new double[] {10197, 10548, 11601, 11952},
        new double[] {y.get(0, 0), y.get(0, 1), y.get(0, 2), y.get(0, 3)},
        0.0);
    assertArrayEquals(
        new double[] {77346, 78426, 81666, 82746},
        new double[] {y.get(1, 4), y.get(1, 5), y.get(1, 6), y.get(1, 7)},
        0.0);

    // Upstream gradient of ones: dx = col2im(Wᵀ · ones).
    Tensor dcols = MatMul.multiply(w, true, Tensor.ones(2, 8), false);
    Tensor dx = Im2Col.col2im(dcols, x.shape(), g);
    assertArrayEquals(
        new double[] {27, 56, 60, 31},
        new double[] {
          dx.get(0, 0, 0, 0), dx.get(0, 0, 0, 1), dx.get(0, 0, 0, 2), dx.get(0, 0, 0, 3)
        },
        0.0);
    assertArrayEquals(
        new double[] {75, 152, 156, 79},
        new double[] {
          dx.get(0, 2, 3, 0), dx.get(0, 2, 3, 1), dx.get(0, 2, 3, 2), dx.get(0, 2, 3, 3)
        },
        0.0);
  }

  @Test
  void columnShape() {
    assertEquals(
        Shape.of(18, 40), Im2Col.columnShape(Shape.of(2, 3, 5, 7), ConvGeometry.kernel(2, 3)));
    assertEquals(
        Shape.of(9, 2 * 3 * 4), Im2Col.columnShape(Shape.of(2, 1, 5, 7), ConvGeometry.of(3, 2, 1)));
  }

  @Test
  void im2colDoesNotModifyItsInput() {
    Tensor x = Tensor.randn(new Rng(9), 2, 2, 5, 5);
    double[] before = x.toArray();
    Im2Col.im2col(x, ConvGeometry.of(3, 2, 1));
    assertArrayEquals(before, x.toArray(), 0.0);
    Tensor c = Tensor.randn(new Rng(10), 18, 18);
    double[] cBefore = c.toArray();
    Im2Col.col2im(c, x.shape(), ConvGeometry.of(3, 2, 1));
    assertArrayEquals(cBefore, c.toArray(), 0.0);
  }

  @Test
  void rejectsBadInput() {
    ConvGeometry g = ConvGeometry.kernel(2, 2);
    assertIllegalArgument(
        () -> Im2Col.im2col(Tensor.zeros(1, 3, 3), g),
        "im2col: expected an input of rank 4 (N,C,H,W), got (1,3,3)");
    assertIllegalArgument(
        () -> Im2Col.im2col(Tensor.zeros(1, 1, 1, 3, 3), g), "im2col", "(1,1,1,3,3)");
    assertIllegalArgument(
        () -> Im2Col.col2im(Tensor.zeros(4, 4), Shape.of(3, 3), g),
        "col2im: expected an image shape of rank 4 (N,C,H,W), got (3,3)");
    assertIllegalArgument(
        () -> Im2Col.col2im(Tensor.zeros(4, 5), Shape.of(1, 1, 3, 3), g),
        "col2im: columns of shape (4,5) do not match image (1,1,3,3)",
        "kernel 2x2",
        "expected (4,4)");
    assertIllegalArgument(
        () -> Im2Col.col2im(Tensor.zeros(16), Shape.of(1, 1, 3, 3), g), "col2im", "(16,)");
    assertThrows(
        IllegalArgumentException.class,
        () -> Im2Col.im2col(Tensor.zeros(1, 1, 2, 2), ConvGeometry.kernel(3, 3)));
  }
}
