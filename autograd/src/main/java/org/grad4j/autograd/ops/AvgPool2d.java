package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Pooling;
import org.grad4j.core.Tensor;

/**
 * 2-d average pooling of an NCHW input, as PyTorch's {@code avg_pool2d} with {@code
 * ceil_mode=False}: padding may be at most half the kernel; with {@code countIncludePad} every
 * window is divided by {@code kernelH*kernelW}, otherwise by its number of input pixels.
 *
 * <p>Pooling is linear; its backward {@link AvgPool2dBackward} is the adjoint map, whose own
 * backward is this op again.
 */
public final class AvgPool2d extends Function {
  private final ConvGeometry geometry;
  private final boolean countIncludePad;

  public AvgPool2d(ConvGeometry geometry, boolean countIncludePad) {
    this.geometry = geometry;
    this.countIncludePad = countIncludePad;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Pooling.avgPool2d(in[0], geometry, countIncludePad);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {
      new AvgPool2dBackward(geometry, countIncludePad, input(0).shape()).apply(gy)
    };
  }
}
