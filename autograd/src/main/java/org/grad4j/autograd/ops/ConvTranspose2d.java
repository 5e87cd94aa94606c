package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Im2Col;
import org.grad4j.core.MatMul;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The transposed convolution {@code col2im(Wᵀ · gY)}: maps a conv2d output-shaped tensor {@code gy}
 * back to the input shape. It is the gradient of {@link Conv2d} with respect to its input.
 */
public final class ConvTranspose2d extends Function {
  private final ConvGeometry geometry;
  private final Shape inputShape;

  /**
   * @param inputShape the shape of the conv2d input this maps back to
   */
  public ConvTranspose2d(ConvGeometry geometry, Shape inputShape) {
    this.geometry = geometry;
    this.inputShape = inputShape;
  }

  /** Inputs: {@code gy (N, Cout, Ho, Wo)} and the weight {@code (Cout, Cin, kh, kw)}. */
  @Override
  protected Tensor forward(Tensor... in) {
    Tensor gy = in[0];
    Tensor w = in[1];
    int outChannels = w.shape().dim(0);
    Tensor gyRows = gy.permute(1, 0, 2, 3).reshape(outChannels, -1);
    Tensor cols = MatMul.multiply(w.reshape(outChannels, -1), true, gyRows, false);
    return Im2Col.col2im(cols, inputShape, geometry);
  }

  /**
   * With {@code u} the upstream gradient: {@code <u, col2im(Wᵀ gY)> = <W · im2col(u), gY>}, so the
   * gradient for {@code gy} is {@code conv2d(u, W)} and for {@code W} it is the weight gradient of
   * {@code u} against {@code gy}.
   */
  @Override
  protected Variable[] backward(Variable u) {
    Variable gy = input(0);
    Variable w = input(1);
    return new Variable[] {
      needsInputGrad(0) ? new Conv2d(geometry).apply(u, w) : null,
      needsInputGrad(1) ? new Conv2dWeightGrad(geometry, w.shape(), null).apply(u, gy) : null
    };
  }
}
