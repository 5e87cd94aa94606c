package org.grad4j.layers;

import java.util.List;
import java.util.Map;
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

  /** The children's rows, named {@code <name>.<child>}, instead of one row for the whole. */
  @Override
  Variable summarize(String name, Variable input, List<SummaryRow> rows) {
    String prefix = name.isEmpty() ? "" : name + ".";
    Variable x = input;
    for (Map.Entry<String, Module> child : children().entrySet()) {
      x = child.getValue().summarize(prefix + child.getKey(), x, rows);
    }
    return x;
  }
}
