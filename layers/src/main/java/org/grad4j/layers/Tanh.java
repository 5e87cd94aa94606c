package org.grad4j.layers;

import org.grad4j.autograd.F;

/** The hyperbolic tangent. */
public final class Tanh extends Stateless {
  public Tanh() {
    super(F::tanh);
  }
}
