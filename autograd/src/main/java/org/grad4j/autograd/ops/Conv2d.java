package org.grad4j.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Im2Col;
import org.grad4j.core.MatMul;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * 2-d convolution (cross-correlation, as in PyTorch) of an NCHW input with a weight of shape {@code
 * (Cout, Cin, kh, kw)} and an optional bias of shape {@code (Cout,)}.
 *
 * <p>Forward is {@code im2col} followed by one matrix product {@code Y = W · cols}, with {@code W}
 * viewed as {@code (Cout, Cin*kh*kw)} and {@code Y} of shape {@code (Cout, N*Ho*Wo)}. Backward is
 * written with two more functions, {@link ConvTranspose2d} for the input and {@link
 * Conv2dWeightGrad} for the weight, so it can be differentiated again.
 */
public final class Conv2d extends Function {
  private final ConvGeometry geometry;

  public Conv2d(ConvGeometry geometry) {
    this.geometry = geometry;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    Tensor w = in[1];
    Tensor b = in.length > 2 ? in[2] : null;
    validate(x.shape(), w.shape(), b == null ? null : b.shape(), geometry);
    int batch = x.shape().dim(0);
    int outChannels = w.shape().dim(0);
    int outH = geometry.outputHeight(x.shape().dim(2));
    int outW = geometry.outputWidth(x.shape().dim(3));
    Tensor cols = Im2Col.im2col(x, geometry);
    if (needsInputGrad(1)) {
      saveForBackward(cols);
    }
    Tensor y = MatMul.multiply(w.reshape(outChannels, -1), false, cols, false);
    return Im2Col.productToImage(y, b, batch, outH, outW);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    Variable x = input(0);
    Variable w = input(1);
    Variable[] grads = new Variable[inputCount()];
    if (needsInputGrad(0)) {
      grads[0] = new ConvTranspose2d(geometry, x.shape()).apply(gy, w);
    }
    if (needsInputGrad(1)) {
      grads[1] = new Conv2dWeightGrad(geometry, w.shape(), saved(0)).apply(x, gy);
    }
    if (inputCount() > 2 && needsInputGrad(2)) {
      grads[2] = F.sum(gy, false, 0, 2, 3);
    }
    return grads;
  }

  /** Checks that input, weight, bias and geometry fit together, naming conv2d and the shapes. */
  static void validate(Shape x, Shape w, Shape b, ConvGeometry g) {
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
    checkArgument(
        b == null || (b.rank() == 1 && b.dim(0) == w.dim(0)),
        "conv2d: bias of shape %s does not match weight %s; expected shape (%s,)",
        b,
        w,
        w.dim(0));
    int spanH = g.dilationH() * (g.kernelH() - 1) + 1;
    int spanW = g.dilationW() * (g.kernelW() - 1) + 1;
    checkArgument(
        spanH <= x.dim(2) + 2 * g.padH() && spanW <= x.dim(3) + 2 * g.padW(),
        "conv2d: kernel span %sx%s is larger than input %s padded by %sx%s",
        spanH,
        spanW,
        x,
        g.padH(),
        g.padW());
  }
}
