package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Im2Col;
import org.grad4j.core.MatMul;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The gradient of {@link Conv2d} with respect to its weight: {@code dW = gY · im2col(x)ᵀ}, for an
 * input {@code x} and an output gradient {@code gy}.
 *
 * <p>It is computed as {@code (im2col(x) · gYᵀ)ᵀ}, with {@code gYᵀ} of shape {@code (N*Ho*Wo,
 * Cout)} taken straight from the NCHW layout of {@code gy}: a plain product, then a transpose of
 * the small {@code (Cin*kh*kw, Cout)} result.
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

  /** Inputs: {@code x (N, Cin, H, W)} and {@code gy (N, Cout, Ho, Wo)}. */
  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    Tensor gy = in[1];
    Tensor cols = cachedColumns != null ? cachedColumns : Im2Col.im2col(x, geometry);
    Tensor gyColumns = gy.permute(0, 2, 3, 1).reshape(-1, weightShape.dim(0));
    return MatMul.multiply(cols, false, gyColumns, false).transpose().reshape(weightShape);
  }

  /**
   * With {@code V} the upstream gradient: {@code <V, gY · colsᵀ>} gives {@code col2im(Vᵀ · gY)} for
   * {@code x} (a transposed convolution of {@code gy} by {@code V}) and {@code conv2d(x, V)} for
   * {@code gy}.
   */
  @Override
  protected Variable[] backward(Variable v) {
    Variable x = input(0);
    Variable gy = input(1);
    return new Variable[] {
      needsInputGrad(0) ? new ConvTranspose2d(geometry, x.shape()).apply(gy, v) : null,
      needsInputGrad(1) ? new Conv2d(geometry).apply(x, v) : null
    };
  }
}
