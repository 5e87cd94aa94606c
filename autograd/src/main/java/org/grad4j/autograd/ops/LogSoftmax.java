package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * {@code log softmax(x) = x - log Σ exp(x)} along one axis: the one log-softmax computation behind
 * {@code F.logSoftmax}, {@code F.softmax} and {@code F.crossEntropy}.
 */
public final class LogSoftmax extends Function {
  private final int axis;

  /** Along {@code axis}, which may count from the end ({@code -1} is the last). */
  public LogSoftmax(int axis) {
    this.axis = axis;
  }

  /**
   * {@code (x - m) - log Σ exp(x - m)} for the maximum {@code m} along the axis, so no exponential
   * overflows.
   */
  @Override
  protected Tensor forward(Tensor... in) {
    in[0].shape().normalizeAxis(axis, "logSoftmax"); // before max, whose message would name max
    Tensor shifted = in[0].sub(in[0].max(true, axis));
    return shifted.sub(shifted.map(Math::exp).sum(true, axis).map(Math::log));
  }

  /**
   * {@code dx = gy - softmax · Σ gy} along the axis, with {@code softmax = exp(output)}: the saved
   * result, not recomputed from x, and differentiable again through the output.
   */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable softmax = F.exp(output());
    return new Variable[] {F.sub(gy, F.mul(softmax, F.sum(gy, true, axis)))};
  }
}
