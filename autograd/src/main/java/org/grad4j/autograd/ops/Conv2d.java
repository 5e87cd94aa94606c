package org.grad4j.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Variable;
import org.grad4j.core.BufferPool;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Convolution;
import org.grad4j.core.Im2Col;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * 2-d convolution (cross-correlation, as in PyTorch) of an NCHW input with a weight of shape {@code
 * (Cout, Cin, kh, kw)} and an optional bias of shape {@code (Cout,)}.
 *
 * <p>Forward is {@code im2col} followed by one matrix product {@code Y = W · cols}, with {@code W}
 * viewed as {@code (Cout, Cin*kh*kw)} and {@code Y} of shape {@code (Cout, N*Ho*Wo)}, laid out as
 * NCHW images; {@link #toRows} keeps {@code Y} as it is (the {@link Convolution rows layout}),
 * which the other convolution functions use for output gradients. Backward permutes the output
 * gradient into rows once and hands it to two more functions, {@link ConvTranspose2d} for the input
 * and {@link Conv2dWeightGrad} for the weight, so it can be differentiated again.
 */
public final class Conv2d extends Function {
  private final ConvGeometry geometry;
  private final boolean rowsOutput;

  /** conv2d with an NCHW output {@code (N, Cout, Ho, Wo)}. */
  public Conv2d(ConvGeometry geometry) {
    this(geometry, false);
  }

  private Conv2d(ConvGeometry geometry, boolean rowsOutput) {
    this.geometry = geometry;
    this.rowsOutput = rowsOutput;
  }

  /** conv2d, without bias, with its output in rows layout {@code (Cout, N*Ho*Wo)}. */
  static Conv2d toRows(ConvGeometry geometry) {
    return new Conv2d(geometry, true);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    Tensor w = in[1];
    Tensor b = in.length > 2 ? in[2] : null;
    validate(x.shape(), w.shape(), geometry);
    Tensor cols = Im2Col.im2col(x, geometry);
    int outH = geometry.outputHeight(x.shape().dim(2));
    int outW = geometry.outputWidth(x.shape().dim(3));
    Tensor y =
        rowsOutput
            ? Convolution.outputRows(w, cols)
            : Convolution.outputImages(w, cols, b, x.shape().dim(0), outH, outW);
    if (needsInputGrad(1)) {
      saveForBackward(cols);
    } else {
      Im2Col.recycle(cols);
    }
    return y;
  }

  /** The columns kept for the weight gradient were read by it and by nothing else. */
  @Override
  protected void releaseSaved() {
    Im2Col.recycle(saved(0));
  }

  @Override
  protected Variable[] backward(Variable gy) {
    Variable x = input(0);
    Variable w = input(1);
    Variable gRows = rowsOutput ? gy : F.reshape(F.permute(gy, 1, 0, 2, 3), w.shape().dim(0), -1);
    Variable[] grads = new Variable[inputCount()];
    if (needsInputGrad(0)) {
      grads[0] = new ConvTranspose2d(geometry, x.shape()).apply(gRows, w);
    }
    if (needsInputGrad(1)) {
      grads[1] = new Conv2dWeightGrad(geometry, w.shape(), saved(0)).apply(x, gRows);
    }
    if (inputCount() > 2 && needsInputGrad(2)) {
      grads[2] = F.sum(gRows, false, 1);
    }
    if (gRows != gy && !GradMode.isEnabled()) {
      // Outside a recorded graph the permuted gradient was read by the three products alone.
      BufferPool.discard(gRows.data());
    }
    return grads;
  }

  /**
   * Checks that input, weight and geometry fit together, naming conv2d and the shapes (the bias is
   * checked with the product, by {@link Convolution}).
   */
  static void validate(Shape x, Shape w, ConvGeometry g) {
    checkArgument(x.rank() == 4, "conv2d: expected an input of rank 4 (N,C,H,W), got shape %s", x);
    checkArgument(
        w.rank() == 4, "conv2d: expected a weight of rank 4 (Cout,Cin,kh,kw), got shape %s", w);
    checkArgument(
        x.dim(1) == w.dim(1),
        "conv2d: input %s has %s channels but weight %s expects %s",
        x,
        x.dim(1),
        w,
        w.dim(1));
    checkArgument(
        w.dim(2) == g.kernelH() && w.dim(3) == g.kernelW(),
        "conv2d: weight %s has a %sx%s kernel but the geometry says %sx%s",
        w,
        w.dim(2),
        w.dim(3),
        g.kernelH(),
        g.kernelW());
    g.checkFits("conv2d", x);
  }
}
