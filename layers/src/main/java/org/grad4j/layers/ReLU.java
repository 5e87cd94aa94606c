package org.grad4j.layers;

import org.grad4j.autograd.F;

/** Rectified linear unit, {@code max(x, 0)}. */
public final class ReLU extends Stateless {
  public ReLU() {
    super(F::relu);
  }
}
