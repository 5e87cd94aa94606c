package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Pooling;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The gradient of {@link AvgPool2d}: each pooled gradient spread evenly over its window, with the
 * forward's divisor. It is the adjoint of average pooling ({@code <avgPool(x), u> = <x, this(u)>}),
 * so its own backward is {@link AvgPool2d}.
 */
public final class AvgPool2dBackward extends Function {
  private final ConvGeometry geometry;
  private final boolean countIncludePad;
  private final Shape inputShape;

  /**
   * @param inputShape the shape of the pooling input this maps back to
   */
  public AvgPool2dBackward(ConvGeometry geometry, boolean countIncludePad, Shape inputShape) {
    this.geometry = geometry;
    this.countIncludePad = countIncludePad;
    this.inputShape = inputShape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Pooling.avgPool2dBackward(in[0], inputShape, geometry, countIncludePad);
  }

  @Override
  protected Variable[] backward(Variable u) {
    return new Variable[] {new AvgPool2d(geometry, countIncludePad).apply(u)};
  }
}
