package org.grad4j.layers;

import org.grad4j.autograd.F;

/** The logistic function {@code 1 / (1 + e^-x)}. */
public final class Sigmoid extends Stateless {
  public Sigmoid() {
    super(F::sigmoid);
  }
}
