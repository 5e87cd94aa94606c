package org.grad4j.layers;

import org.grad4j.autograd.F;

/** Keeps the batch axis and flattens the rest: {@code (N, ...) -> (N, prod(...))}. */
public final class Flatten extends Stateless {
  public Flatten() {
    super(F::flatten);
  }
}
