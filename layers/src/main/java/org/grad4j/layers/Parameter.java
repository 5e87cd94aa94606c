package org.grad4j.layers;

import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** A module's learnable tensor: a leaf Variable that requires grad. */
public final class Parameter extends Variable {
  public Parameter(Tensor data) {
    super(data, true);
  }
}
