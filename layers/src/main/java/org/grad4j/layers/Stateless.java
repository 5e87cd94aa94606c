package org.grad4j.layers;

import java.util.function.UnaryOperator;
import org.grad4j.autograd.Variable;

/** A module without parameters that applies one op from {@code F}. */
abstract class Stateless extends Module {
  private final UnaryOperator<Variable> op;

  Stateless(UnaryOperator<Variable> op) {
    this.op = op;
  }

  @Override
  public final Variable forward(Variable input) {
    return op.apply(input);
  }
}
