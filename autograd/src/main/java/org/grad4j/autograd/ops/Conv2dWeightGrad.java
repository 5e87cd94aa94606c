package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Convolution;
import org.grad4j.core.Im2Col;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The gradient of {@link Conv2d} with respect to its weight: {@code dW = gY · im2col(x)ᵀ}, for an
 * input {@code x} and an output gradient {@code gY} in the {@link Convolution rows layout} {@code
 * (Cout, N*Ho*Wo)}.
 */
public final class Conv2dWeightGrad extends Function {
  private final ConvGeometry geometry;
  private final Shape weightShape;
  private final Tensor cachedColumns;

  /**
   * @param cachedColumns {@code im2col(x)} if the forward pass kept it, else {@code null}
   */
  public Conv2dWeightGrad(ConvGeometry geometry, Shape weightShape, Tensor cachedColumns) {
    this.geometry = geometry;
    this.weightShape = weightShape;
    this.cachedColumns = cachedColumns;
  }

  /** Inputs: {@code x (N, Cin, H, W)} and {@code gY (Cout, N*Ho*Wo)}. */
  @Override
  protected Tensor forward(Tensor... in) {
    Tensor cols = cachedColumns != null ? cachedColumns : Im2Col.im2col(in[0], geometry);
    Tensor gradient = Convolution.weightGradient(cols, in[1], weightShape);
    if (cols != cachedColumns) {
      Im2Col.recycle(cols);
    }
    return gradient;
  }

  /**
   * With {@code V} the upstream gradient: {@code <V, gY · colsᵀ>} gives {@code col2im(Vᵀ · gY)} for
   * {@code x} (a transposed convolution of {@code gY} by {@code V}) and {@code conv2d(x, V)} in
   * rows layout for {@code gY}.
   */
  @Override
  protected Variable[] backward(Variable v) {
    Variable x = input(0);
    Variable gRows = input(1);
    return new Variable[] {
      needsInputGrad(0) ? new ConvTranspose2d(geometry, x.shape()).apply(gRows, v) : null,
      needsInputGrad(1) ? Conv2d.toRows(geometry).apply(x, v) : null
    };
  }
}
