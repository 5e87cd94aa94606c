package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Pooling;
import org.grad4j.core.Tensor;

/**
 * 2-d max pooling of an NCHW input, as PyTorch's {@code max_pool2d} with {@code ceil_mode=False}:
 * padding acts as {@code -infinity} and may be at most half the kernel; dilation must be 1.
 *
 * <p>The gradient goes to the arg-max of each window; on ties that is the first maximum in
 * row-major window order. Backward is {@link ScatterAdd} to those positions.
 */
public final class MaxPool2d extends Function {
  private final ConvGeometry geometry;
  private int[] argmax;

  public MaxPool2d(ConvGeometry geometry) {
    this.geometry = geometry;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Pooling.MaxResult result = Pooling.maxPool2d(in[0], geometry);
    argmax = result.argmax();
    return result.values();
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new ScatterAdd(argmax, input(0).shape()).apply(gy)};
  }
}
