package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Convolution;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The transposed convolution {@code col2im(Wᵀ · gY)}: maps an output gradient {@code gY}, in the
 * {@link Convolution rows layout} {@code (Cout, N*Ho*Wo)}, back to the input shape. It is the
 * gradient of {@link Conv2d} with respect to its input.
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

  /** Inputs: {@code gY (Cout, N*Ho*Wo)} and the weight {@code (Cout, Cin, kh, kw)}. */
  @Override
  protected Tensor forward(Tensor... in) {
    return Convolution.transposed(in[1], in[0], inputShape, geometry);
  }

  /**
   * With {@code u} the upstream gradient: {@code <u, col2im(Wᵀ gY)> = <W · im2col(u), gY>}, so the
   * gradient for {@code gY} is {@code conv2d(u, W)} in rows layout and for {@code W} it is the
   * weight gradient of {@code u} against {@code gY}.
   */
  @Override
  protected Variable[] backward(Variable u) {
    Variable gRows = input(0);
    Variable w = input(1);
    return new Variable[] {
      needsInputGrad(0) ? Conv2d.toRows(geometry).apply(u, w) : null,
      needsInputGrad(1) ? new Conv2dWeightGrad(geometry, w.shape(), null).apply(u, gRows) : null
    };
  }
}
