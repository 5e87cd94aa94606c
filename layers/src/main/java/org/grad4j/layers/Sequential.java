package org.grad4j.layers;

import org.grad4j.autograd.Variable;

/** Modules applied one after another; children are named {@code "0"}, {@code "1"}, ... */
public final class Sequential extends Module {
  public Sequential(Module... modules) {
    for (int i = 0; i < modules.length; i++) {
      registerModule(Integer.toString(i), modules[i]);
    }
  }

  @Override
  public Variable forward(Variable input) {
    Variable x = input;
    for (Module m : children().values()) {
      x = m.forward(x);
    }
    return x;
  }
}
