package org.grad4j.layers;

import org.grad4j.autograd.F;

/** Softmax along an axis (class scores of an {@code (N, C)} input: axis 1). */
public final class Softmax extends Stateless {
  private final int axis;

  public Softmax(int axis) {
    super(x -> F.softmax(x, axis));
    this.axis = axis;
  }

  @Override
  protected String describe() {
    return "dim=" + axis;
  }
}
