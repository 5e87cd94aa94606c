package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The products of a 2-d convolution, each one matrix product through {@link MatMul} on the column
 * matrix of {@link Im2Col}: the output {@code W · cols}, the transposed convolution {@code
 * col2im(Wᵀ · gY)} and the weight gradient {@code gY · colsᵀ}.
 *
 * <p>{@code W} is the weight {@code (Cout, Cin, kh, kw)} viewed as a {@code (Cout, Cin·kh·kw)}
 * matrix. Output-shaped tensors other than the forward result are taken in <em>rows layout</em>,
 * {@code (Cout, N·Ho·Wo)}: the layout {@code W · cols} produces, which is NCHW with the batch and
 * channel axes swapped. One permutation of an output gradient into rows then serves both the input
 * and the weight gradient.
 */
public final class Convolution {
  private Convolution() {}

  /**
   * The convolution's output as NCHW images {@code (N, Cout, Ho, Wo)}: {@code W · cols} plus {@code
   * bias (Cout,)} if it is not {@code null}. The product lives only until it is laid out as images,
   * in a pooled buffer.
   */
  public static Tensor outputImages(
      Tensor weight, Tensor cols, Tensor bias, int batch, int outH, int outW) {
    checkWeight(weight, cols, bias);
    int outChannels = weight.shape().dim(0);
    int plane = outH * outW;
    checkArgument(
        cols.shape().dim(1) == batch * plane,
        "conv2d: columns %s do not hold %s images of %sx%s",
        cols.shape(),
        batch,
        outH,
        outW);
    double[] product = BufferPool.take(outChannels * batch * plane);
    MatMul.multiplyInto(weight.reshape(outChannels, -1), false, cols, false, product);
    double[] out = BufferPool.take(outChannels * batch * plane);
    WorkerPool.forRange(
        batch,
        Math.max(1, Tensor.PARALLEL_GRAIN / Math.max(1, outChannels * plane)),
        (from, to) -> {
          for (int b = from; b < to; b++) {
            for (int c = 0; c < outChannels; c++) {
              int src = c * batch * plane + b * plane;
              int dst = (b * outChannels + c) * plane;
              double shift = bias == null ? 0.0 : bias.data[c];
              for (int l = 0; l < plane; l++) {
                out[dst + l] = product[src + l] + shift;
              }
            }
          }
        });
    BufferPool.give(product);
    return new Tensor(Shape.of(batch, outChannels, outH, outW), out);
  }

  /** The convolution's output in rows layout {@code (Cout, N·Ho·Wo)}: {@code W · cols}. */
  public static Tensor outputRows(Tensor weight, Tensor cols) {
    checkWeight(weight, cols, null);
    return MatMul.multiply(weight.reshape(weight.shape().dim(0), -1), false, cols, false);
  }

  /**
   * The transposed convolution {@code col2im(Wᵀ · gRows)}: maps {@code gRows (Cout, N·Ho·Wo)} back
   * to {@code inputShape (N, Cin, H, W)}; it is conv2d's gradient with respect to its input. The
   * column matrix lives only until {@code col2im} folds it, in a pooled buffer.
   */
  public static Tensor transposed(
      Tensor weight, Tensor gRows, Shape inputShape, ConvGeometry geometry) {
    Shape columns = Im2Col.columnShape(inputShape, geometry);
    Shape w = weight.shape();
    checkArgument(
        w.rank() == 4
            && w.dim(1) == inputShape.dim(1)
            && w.dim(2) == geometry.kernelH()
            && w.dim(3) == geometry.kernelW(),
        "convTranspose2d: weight %s does not fit input %s with a %sx%s kernel; expected (Cout,%s,%s,%s)",
        w,
        inputShape,
        geometry.kernelH(),
        geometry.kernelW(),
        inputShape.dim(1),
        geometry.kernelH(),
        geometry.kernelW());
    checkArgument(
        gRows.rank() == 2
            && gRows.shape().dim(0) == weight.shape().dim(0)
            && gRows.shape().dim(1) == columns.dim(1),
        "convTranspose2d: expected a gradient in rows layout (%s,%s) for weight %s and input %s,"
            + " got %s",
        weight.shape().dim(0),
        columns.dim(1),
        weight.shape(),
        inputShape,
        gRows.shape());
    double[] cols = BufferPool.take(columns.size());
    MatMul.multiplyInto(weight.reshape(weight.shape().dim(0), -1), true, gRows, false, cols);
    Tensor image = Im2Col.col2im(cols, inputShape, geometry);
    BufferPool.give(cols);
    return image;
  }

  /**
   * conv2d's gradient with respect to its weight, {@code gRows · colsᵀ}, shaped as {@code
   * weightShape}. Both operands run along {@code N·Ho·Wo}, so the product reads one of them
   * transposed; it is arranged so that the smaller one is, which the backends pack or transpose.
   */
  public static Tensor weightGradient(Tensor cols, Tensor gRows, Shape weightShape) {
    checkArgument(
        weightShape.rank() == 4
            && cols.rank() == 2
            && gRows.rank() == 2
            && cols.shape().dim(0) == weightShape.size() / weightShape.dim(0)
            && gRows.shape().dim(0) == weightShape.dim(0)
            && gRows.shape().dim(1) == cols.shape().dim(1),
        "conv2dWeightGrad: expected columns (Cin*kh*kw, N*Ho*Wo) and a gradient in rows layout"
            + " (Cout, N*Ho*Wo) for weight %s, got columns %s and gradient %s",
        weightShape,
        cols.shape(),
        gRows.shape());
    boolean fewerTaps = cols.shape().dim(0) <= gRows.shape().dim(0);
    Tensor gradient =
        fewerTaps
            ? MatMul.multiply(gRows, false, cols, true)
            : MatMul.multiply(cols, false, gRows, true).transpose();
    return gradient.reshape(weightShape);
  }

  /**
   * Checks that {@code weight (Cout, Cin, kh, kw)} fits columns {@code (Cin·kh·kw, N·Ho·Wo)} and
   * that {@code bias}, if any, is {@code (Cout,)}.
   */
  private static void checkWeight(Tensor weight, Tensor cols, Tensor bias) {
    Shape w = weight.shape();
    checkArgument(
        w.rank() == 4
            && cols.rank() == 2
            && cols.shape().dim(0) == w.size() / Math.max(1, w.dim(0)),
        "conv2d: weight %s does not fit columns %s; expected columns (Cin*kh*kw, N*Ho*Wo)",
        w,
        cols.shape());
    checkArgument(
        bias == null || (bias.rank() == 1 && bias.shape().dim(0) == w.dim(0)),
        "conv2d: bias of shape %s does not match weight %s; expected shape (%s,)",
        bias == null ? null : bias.shape(),
        w,
        w.dim(0));
  }
}
