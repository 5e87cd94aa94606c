package org.grad4j.layers;

import org.grad4j.autograd.F;

/** Log-softmax along an axis, computed stably. */
public final class LogSoftmax extends Stateless {
  private final int axis;

  public LogSoftmax(int axis) {
    super(x -> F.logSoftmax(x, axis));
    this.axis = axis;
  }

  @Override
  protected String describe() {
    return "dim=" + axis;
  }
}
