package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * A building block of a network, as PyTorch's {@code nn.Module}: it computes {@link #forward}, owns
 * named parameters, buffers (state that is saved but not learned, such as BatchNorm's running
 * statistics) and child modules, and switches between training and evaluation mode.
 *
 * <p>Names are hierarchical, joined with dots as PyTorch writes them: a child registered as {@code
 * "features"} whose child {@code "0"} has a parameter {@code "weight"} gives {@code
 * "features.0.weight"}.
 */
public abstract class Module {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Computes this module's output. */
  public abstract Variable forward(Variable input);

  /** Registers a learnable tensor under {@code name} and returns it as a parameter. */
  protected final Parameter registerParameter(String name, Tensor initial) {
    checkName(name);
    Parameter p = new Parameter(initial);
    parameters.put(name, p);
    return p;
  }

  /** Registers a saved, non-learned tensor under {@code name}; it is updated in place. */
  protected final Tensor registerBuffer(String name, Tensor initial) {
    checkName(name);
    buffers.put(name, initial);
    return initial;
  }

  /** Registers a child module under {@code name} and returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    children.put(name, module);
    return module;
  }

  private void checkName(String name) {
    checkArgument(
        !name.isEmpty() && !name.contains("."),
        "%s: name '%s' must be non-empty and without dots",
        getClass().getSimpleName(),
        name);
    checkArgument(
        !parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "%s: name '%s' is already registered",
        getClass().getSimpleName(),
        name);
  }

  /** The direct children, by name, in registration order. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Every parameter of this module and its descendants, by hierarchical name. */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    collect("", out, new LinkedHashMap<>());
    return out;
  }

  /** Every buffer of this module and its descendants, by hierarchical name. */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    collect("", new LinkedHashMap<>(), out);
    return out;
  }

  private void collect(String prefix, Map<String, Parameter> params, Map<String, Tensor> bufs) {
    parameters.forEach((name, p) -> params.put(prefix + name, p));
    buffers.forEach((name, b) -> bufs.put(prefix + name, b));
    children.forEach((name, child) -> child.collect(prefix + name + ".", params, bufs));
  }

  /** Every parameter, in the order of {@link #namedParameters()}. */
  public final List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** The number of learnable scalars. */
  public final long parameterCount() {
    long n = 0;
    for (Parameter p : namedParameters().values()) {
      n += p.data().size();
    }
    return n;
  }

  /** Forgets every parameter's gradient. */
  public final void zeroGrad() {
    namedParameters().values().forEach(Variable::zeroGrad);
  }

  /** Training mode (the default) for this module and its descendants. */
  public final Module train() {
    setTraining(true);
    return this;
  }

  /** Evaluation mode (dropout off, BatchNorm on running statistics) for this and descendants. */
  public final Module eval() {
    setTraining(false);
    return this;
  }

  private void setTraining(boolean on) {
    training = on;
    children.values().forEach(c -> c.setTraining(on));
  }

  public final boolean isTraining() {
    return training;
  }

  /** A one-line description of this module's own settings, as in PyTorch's {@code extra_repr}. */
  protected String describe() {
    return "";
  }

  /** The module tree, one line per module, as PyTorch prints it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(describe());
    if (!children.isEmpty()) {
      sb.append('\n');
      children.forEach(
          (name, child) ->
              sb.append("  (")
                  .append(name)
                  .append("): ")
                  .append(child.toString().replace("\n", "\n  "))
                  .append('\n'));
    }
    return sb.append(')').toString();
  }
}
