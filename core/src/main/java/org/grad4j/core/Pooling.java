package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * 2-d max and average pooling of NCHW tensors, as PyTorch's {@code max_pool2d} and {@code
 * avg_pool2d} with {@code ceil_mode=False}, with the backward of average pooling; max pooling's
 * backward is {@link Indexing#scatterAdd} to its arg-maxima.
 *
 * <p>A window of output position {@code (oh, ow)} covers input rows {@code oh*strideH - padH} up to
 * {@code kernelH} rows further, and likewise for columns; the part of it in the padding is left out
 * (for max pooling padding acts as {@code -infinity}). As in PyTorch, padding may be at most half
 * the kernel, so every window holds at least one input pixel; dilation is not supported.
 *
 * <p>Each {@code (n, c)} plane is computed on its own and writes only its own part of the result,
 * so the plane loops can be split across threads. Nothing is allocated per element.
 */
public final class Pooling {
  private Pooling() {}

  /**
   * The result of {@link #maxPool2d}: the maxima, and for each of them the flat (row-major) index
   * of the input element it was taken from, for {@link Indexing#gather} and {@link
   * Indexing#scatterAdd}.
   */
  public record MaxResult(Tensor values, int[] argmax) {}

  /**
   * The windows of one axis, clipped to the input: output position {@code o} covers input positions
   * {@code lo[o]} to {@code hi[o] - 1}. Max and average pooling walk the same windows.
   */
  private record Windows(int[] lo, int[] hi) {
    static Windows along(int in, int out, int kernel, int stride, int pad) {
      int[] lo = new int[out];
      int[] hi = new int[out];
      for (int o = 0; o < out; o++) {
        int start = o * stride - pad;
        lo[o] = Math.max(start, 0);
        hi[o] = Math.min(start + kernel, in);
      }
      return new Windows(lo, hi);
    }
  }

  /**
   * Checks the pooling geometry {@code g} against an input of shape {@code x}; returns the output
   * shape {@code (N, C, Ho, Wo)}.
   *
   * @param op the calling op's name, which starts every error message
   */
  public static Shape outputShape(String op, Shape x, ConvGeometry g) {
    checkArgument(x.rank() == 4, "%s: expected an input of rank 4 (N,C,H,W), got shape %s", op, x);
    checkArgument(
        g.dilationH() == 1 && g.dilationW() == 1,
        "%s: dilation %sx%s is not supported; pooling needs dilation 1x1",
        op,
        g.dilationH(),
        g.dilationW());
    checkArgument(
        2 * g.padH() <= g.kernelH() && 2 * g.padW() <= g.kernelW(),
        "%s: padding %sx%s must be at most half of the kernel %sx%s, as in PyTorch",
        op,
        g.padH(),
        g.padW(),
        g.kernelH(),
        g.kernelW());
    g.checkFits(op, x);
    return Shape.of(x.dim(0), x.dim(1), g.outputHeight(x.dim(2)), g.outputWidth(x.dim(3)));
  }

  // ---------------------------------------------------------------- max pooling

  /**
   * The maximum of every window, and where it was found. Ties go to the first maximum in row-major
   * window order; a NaN is taken over any number (PyTorch's rule), so it propagates.
   */
  public static MaxResult maxPool2d(Tensor x, ConvGeometry g) {
    Shape outShape = outputShape("maxPool2d", x.shape(), g);
    double[] in = x.data;
    int h = x.shape().dim(2);
    int w = x.shape().dim(3);
    Windows rows = Windows.along(h, outShape.dim(2), g.kernelH(), g.strideH(), g.padH());
    Windows cols = Windows.along(w, outShape.dim(3), g.kernelW(), g.strideW(), g.padW());
    double[] values = new double[outShape.size()];
    int[] argmax = new int[values.length];
    int planes = outShape.dim(0) * outShape.dim(1);
    WorkerPool.forRange(
        planes,
        Math.max(1, Tensor.PARALLEL_GRAIN / (h * w)),
        (from, to) -> maxPlanes(in, h, w, rows, cols, values, argmax, from, to));
    return new MaxResult(new Tensor(outShape, values), argmax);
  }

  /** Max-pools planes {@code from..to-1}, recording each window's value and flat arg-max. */
  private static void maxPlanes(
      double[] in,
      int h,
      int w,
      Windows rows,
      Windows cols,
      double[] values,
      int[] argmax,
      int from,
      int to) {
    int outH = rows.lo().length;
    int outW = cols.lo().length;
    for (int plane = from; plane < to; plane++) {
      int base = plane * h * w;
      int out = plane * outH * outW;
      for (int oh = 0; oh < outH; oh++) {
        int hLo = rows.lo()[oh];
        int hHi = rows.hi()[oh];
        for (int ow = 0; ow < outW; ow++) {
          int wLo = cols.lo()[ow];
          int wHi = cols.hi()[ow];
          int corner = base + hLo * w + wLo;
          int best =
              hHi - hLo == 2 && wHi - wLo == 2
                  ? maxOfTwoByTwo(in, corner, w)
                  : maxOfWindow(in, corner, w, hHi - hLo, wHi - wLo);
          values[out + oh * outW + ow] = in[best];
          argmax[out + oh * outW + ow] = best;
        }
      }
    }
  }

  /**
   * The flat index of the maximum of the {@code rows × cols} window whose first element is {@code
   * in[corner]} (row stride {@code w}): the first maximum in row-major order, or the last NaN.
   */
  private static int maxOfWindow(double[] in, int corner, int w, int rows, int cols) {
    int best = corner;
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      for (int i = corner + r * w; i < corner + r * w + cols; i++) {
        double v = in[i] + 0.0;
        best = laterIfGreater(max, v, best, i);
        max = Math.max(max, v);
      }
    }
    if (Double.isNaN(max)) {
      // Math.max propagated a NaN, and laterIfGreater does not hold past it: the last NaN of the
      // window wins.
      for (int r = 0; r < rows; r++) {
        for (int i = corner + r * w; i < corner + r * w + cols; i++) {
          best = Double.isNaN(in[i]) ? i : best;
        }
      }
    }
    return best;
  }

  /**
   * {@link #maxOfWindow} of a full 2 × 2 window (SmallCNN's pooling), as a tree: the maximum of
   * each row, then of the two. Each step depends on one comparison rather than on all the earlier
   * ones, which halves the chain of dependent instructions per window; ties still go to the first
   * in row-major order.
   */
  private static int maxOfTwoByTwo(double[] in, int corner, int w) {
    double a = in[corner] + 0.0;
    double b = in[corner + 1] + 0.0;
    double c = in[corner + w] + 0.0;
    double d = in[corner + w + 1] + 0.0;
    if (Double.isNaN(a + b + c + d)) {
      return maxOfWindow(in, corner, w, 2, 2);
    }
    int top = laterIfGreater(a, b, corner, corner + 1);
    int bottom = laterIfGreater(c, d, corner + w, corner + w + 1);
    return laterIfGreater(Math.max(a, b), Math.max(c, d), top, bottom);
  }

  /**
   * {@code y > x ? iy : ix}, branch-free, for {@code x} not NaN and zeros made {@code +0.0}: random
   * data would mispredict a branch at nearly every window (and whether the JIT emits a conditional
   * move depends on its profile). {@code Math.max} changes {@code x}'s bits exactly when {@code y >
   * x} (or {@code y} is NaN); the sign bit of {@code (changed | -changed)} is set exactly then, and
   * the mask selects {@code iy}.
   */
  private static int laterIfGreater(double x, double y, int ix, int iy) {
    long changed = Double.doubleToRawLongBits(Math.max(x, y)) ^ Double.doubleToRawLongBits(x);
    return ix ^ ((ix ^ iy) & (int) ((changed | -changed) >> 63));
  }

  // ---------------------------------------------------------------- average pooling

  /**
   * The mean of every window. With {@code countIncludePad} the divisor is always {@code
   * kernelH*kernelW}; without it, padding is not counted and the divisor is the number of input
   * pixels in the window.
   */
  public static Tensor avgPool2d(Tensor x, ConvGeometry g, boolean countIncludePad) {
    Shape outShape = outputShape("avgPool2d", x.shape(), g);
    double[] pooled = new double[outShape.size()];
    averageTransfer(x.data, x.shape(), g, countIncludePad, pooled, outShape, true);
    return new Tensor(outShape, pooled);
  }

  /**
   * The gradient of {@link #avgPool2d} for an input of {@code inputShape}: each output gradient is
   * spread evenly over its window with the forward's divisor. It is the exact adjoint of {@link
   * #avgPool2d}.
   */
  public static Tensor avgPool2dBackward(
      Tensor gradOutput, Shape inputShape, ConvGeometry g, boolean countIncludePad) {
    Shape outShape = outputShape("avgPool2d", inputShape, g);
    checkArgument(
        gradOutput.shape().equals(outShape),
        "avgPool2d: gradient of shape %s does not match the output %s of input %s",
        gradOutput.shape(),
        outShape,
        inputShape);
    double[] image = new double[inputShape.size()];
    averageTransfer(image, inputShape, g, countIncludePad, gradOutput.data, outShape, false);
    return new Tensor(inputShape, image);
  }

  /**
   * Averages image windows into {@code pooled} ({@code toPooled}), or spreads {@code pooled} back
   * over the windows. Both directions walk the same windows with the same divisors, which makes
   * them adjoint.
   */
  private static void averageTransfer(
      double[] image,
      Shape inShape,
      ConvGeometry g,
      boolean countIncludePad,
      double[] pooled,
      Shape outShape,
      boolean toPooled) {
    int h = inShape.dim(2);
    int w = inShape.dim(3);
    int outH = outShape.dim(2);
    int outW = outShape.dim(3);
    Windows rows = Windows.along(h, outH, g.kernelH(), g.strideH(), g.padH());
    Windows cols = Windows.along(w, outW, g.kernelW(), g.strideW(), g.padW());
    int planes = outShape.dim(0) * outShape.dim(1);
    for (int plane = 0; plane < planes; plane++) {
      int base = plane * h * w;
      int out = plane * outH * outW;
      for (int oh = 0; oh < outH; oh++) {
        int hLo = rows.lo()[oh];
        int hHi = rows.hi()[oh];
        for (int ow = 0; ow < outW; ow++) {
          int wLo = cols.lo()[ow];
          int wHi = cols.hi()[ow];
          double divisor = countIncludePad ? g.kernelArea() : (hHi - hLo) * (wHi - wLo);
          int o = out + oh * outW + ow;
          if (toPooled) {
            double sum = 0;
            for (int ih = hLo; ih < hHi; ih++) {
              for (int i = base + ih * w + wLo; i < base + ih * w + wHi; i++) {
                sum += image[i];
              }
            }
            pooled[o] = sum / divisor;
          } else {
            double share = pooled[o] / divisor;
            for (int ih = hLo; ih < hHi; ih++) {
              for (int i = base + ih * w + wLo; i < base + ih * w + wHi; i++) {
                image[i] += share;
              }
            }
          }
        }
      }
    }
  }
}
