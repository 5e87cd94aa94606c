package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * {@code im2col} and its adjoint {@code col2im}, the data movement that turns a convolution into
 * one matrix product.
 *
 * <p>For an input of shape {@code (B, C, H, W)} the column matrix has shape {@code (C*kh*kw,
 * B*Ho*Wo)}: row {@code (c*kh + i)*kw + j} holds, for every output position {@code (b, oh, ow)},
 * the input pixel under kernel tap {@code (i, j)} of channel {@code c}, or 0 where the tap falls in
 * the padding. This is the seed notebook's layout, and it matches a weight of shape {@code (Cout,
 * C, kh, kw)} viewed as a {@code (Cout, C*kh*kw)} matrix, so {@code W · cols} is the convolution.
 *
 * <p>{@code col2im} sums each column entry back onto the pixel it was read from; it is the exact
 * adjoint: {@code <im2col(x), c> == <x, col2im(c)>}.
 *
 * <p>Column matrices are large and a training step makes them at the same sizes every time: {@link
 * #recycle} hands one back for reuse.
 */
public final class Im2Col {
  private Im2Col() {}

  /** The column matrix of {@code x} (rank 4, NCHW) for {@code geometry}. */
  public static Tensor im2col(Tensor x, ConvGeometry geometry) {
    checkArgument(
        x.rank() == 4, "im2col: expected an input of rank 4 (N,C,H,W), got %s", x.shape());
    Shape colShape = columnShape(x.shape(), geometry);
    long start = System.nanoTime();
    double[] cols = BufferPool.take(colShape.size());
    transfer(x.data, x.shape(), geometry, cols, true);
    KernelTimer.add(KernelTimer.Kernel.IM2COL, start);
    return new Tensor(colShape, cols);
  }

  /**
   * Hands back a column matrix from {@link #im2col} that nothing reads any more, so that the next
   * {@code im2col} of the same size on this thread fills it instead of a new array. The caller must
   * hold the only reference: a recycled matrix is overwritten.
   *
   * @throws IllegalStateException if the same matrix is handed back twice
   */
  public static void recycle(Tensor cols) {
    BufferPool.give(cols.data);
  }

  /**
   * Sums a column matrix back into an image of shape {@code inputShape}: the adjoint of {@link
   * #im2col}.
   */
  public static Tensor col2im(Tensor cols, Shape inputShape, ConvGeometry geometry) {
    checkArgument(
        inputShape.rank() == 4,
        "col2im: expected an image shape of rank 4 (N,C,H,W), got %s",
        inputShape);
    Shape expected = columnShape(inputShape, geometry);
    checkArgument(
        cols.shape().equals(expected),
        "col2im: columns of shape %s do not match image %s with %s (expected %s)",
        cols.shape(),
        inputShape,
        geometry,
        expected);
    return col2im(cols.data, inputShape, geometry);
  }

  /** {@link #col2im} of the column matrix held in the first elements of {@code cols}. */
  static Tensor col2im(double[] cols, Shape inputShape, ConvGeometry geometry) {
    long start = System.nanoTime();
    double[] image = BufferPool.take(inputShape.size());
    transfer(image, inputShape, geometry, cols, false);
    KernelTimer.add(KernelTimer.Kernel.COL2IM, start);
    return new Tensor(inputShape, image);
  }

  /** The shape {@code (C*kh*kw, B*Ho*Wo)} of the column matrix for an image of {@code shape}. */
  public static Shape columnShape(Shape shape, ConvGeometry g) {
    int rows = shape.dim(1) * g.kernelArea();
    int cols = shape.dim(0) * g.outputHeight(shape.dim(2)) * g.outputWidth(shape.dim(3));
    return Shape.of(rows, cols);
  }

  /** Column matrices smaller than this are filled on one thread. */
  private static final int PARALLEL_THRESHOLD = 1 << 16;

  /**
   * Copies image pixels into columns ({@code toCols}) or adds columns back onto the pixels. Both
   * directions walk the same index pairs, which is what makes them adjoint. Large transfers split
   * the batch over the worker pool: images of different batch entries touch disjoint pixels and
   * disjoint column ranges.
   */
  private static void transfer(
      double[] image, Shape shape, ConvGeometry g, double[] cols, boolean toCols) {
    int batch = shape.dim(0);
    WorkerPool.forRange(
        batch,
        Math.max(
            1, PARALLEL_THRESHOLD / Math.max(1, columnShape(shape, g).size() / Math.max(1, batch))),
        (from, to) -> transfer(image, shape, g, cols, toCols, from, to));
  }

  /** {@link #transfer} for the batch entries {@code bFrom} to {@code bTo - 1}. */
  private static void transfer(
      double[] image,
      Shape shape,
      ConvGeometry g,
      double[] cols,
      boolean toCols,
      int bFrom,
      int bTo) {
    int batch = shape.dim(0);
    int channels = shape.dim(1);
    int h = shape.dim(2);
    int w = shape.dim(3);
    int outH = g.outputHeight(h);
    int outW = g.outputWidth(w);
    int n = batch * outH * outW;
    if (!toCols) {
      // The image comes from the pool: clear this range's pixels before adding onto them.
      Arrays.fill(image, bFrom * channels * h * w, bTo * channels * h * w, 0.0);
    }
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < g.kernelH(); i++) {
        for (int j = 0; j < g.kernelW(); j++) {
          int row = (c * g.kernelH() + i) * g.kernelW() + j;
          int colShift = j * g.dilationW() - g.padW();
          // Output columns whose tap lands inside the image: 0 <= ow*stride + colShift < w.
          int owLo =
              Math.min(outW, Math.max(0, Math.floorDiv(-colShift + g.strideW() - 1, g.strideW())));
          int owHi =
              Math.max(owLo, Math.min(outW, Math.floorDiv(w - 1 - colShift, g.strideW()) + 1));
          for (int b = bFrom; b < bTo; b++) {
            for (int oh = 0; oh < outH; oh++) {
              int ih = oh * g.strideH() - g.padH() + i * g.dilationH();
              int colBase = row * n + (b * outH + oh) * outW;
              if (ih < 0 || ih >= h) {
                if (toCols) {
                  Arrays.fill(cols, colBase, colBase + outW, 0.0);
                }
                continue;
              }
              int pixelBase = ((b * channels + c) * h + ih) * w + colShift;
              if (toCols) {
                Arrays.fill(cols, colBase, colBase + owLo, 0.0);
                if (g.strideW() == 1 && owHi > owLo) {
                  System.arraycopy(image, pixelBase + owLo, cols, colBase + owLo, owHi - owLo);
                } else {
                  for (int ow = owLo; ow < owHi; ow++) {
                    cols[colBase + ow] = image[pixelBase + ow * g.strideW()];
                  }
                }
                Arrays.fill(cols, colBase + owHi, colBase + outW, 0.0);
              } else {
                for (int ow = owLo; ow < owHi; ow++) {
                  image[pixelBase + ow * g.strideW()] += cols[colBase + ow];
                }
              }
            }
          }
        }
      }
    }
  }
}
