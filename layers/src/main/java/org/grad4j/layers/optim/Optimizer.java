package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;

/**
 * Updates parameters from their gradients, as {@code torch.optim.Optimizer} with a single parameter
 * group.
 *
 * <p>{@link #step()} reads each parameter's gradient, skips parameters that have none, and updates
 * the parameter's data in place; gradients are never modified. A parameter's state (its step count
 * and the buffers named by {@link #bufferNames()}, zero-filled) is created at its first update, as
 * in PyTorch, so parameters that never had a gradient have none.
 *
 * <p>{@link #stateDict()} holds all of the state: {@code "lr"}, and for each parameter {@code i}
 * that has state, {@code "state.<i>.step"} and {@code "state.<i>.<buffer>"} (PyTorch's buffer
 * names, such as {@code exp_avg}). Scalars are rank-0 tensors; buffers are shaped like their
 * parameter. Loading it into an optimizer built the same way over the same parameters resumes a run
 * bit for bit.
 */
public abstract class Optimizer {
  private static final String LR = "lr";
  private static final String STEP = "step";
  private static final Pattern STATE_KEY = Pattern.compile("state\\.(0|[1-9]\\d{0,8})\\.(\\w+)");

  private final List<Parameter> params;
  private final List<ParamState> state;
  private double lr;

  /** One parameter's step count and buffers. */
  private static final class ParamState {
    long step;
    final Map<String, Tensor> buffers;

    ParamState(long step, Map<String, Tensor> buffers) {
      this.step = step;
      this.buffers = buffers;
    }
  }

  /**
   * @throws IllegalArgumentException if {@code params} is empty or holds a parameter twice, or
   *     {@code lr} is negative or not finite
   */
  protected Optimizer(List<Parameter> params, double lr) {
    checkNotNull(params, "%s: parameters are null", name());
    checkArgument(!params.isEmpty(), "%s: got an empty parameter list", name());
    Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      checkNotNull(p, "%s: parameter %s is null", name(), i);
      checkArgument(seen.add(p), "%s: parameter %s appears twice in the list", name(), i);
    }
    this.params = List.copyOf(params);
    this.state = new ArrayList<>(Collections.nCopies(params.size(), null));
    setLr(lr);
  }

  /** The names of the per-parameter buffers, each shaped like its parameter. */
  protected abstract List<String> bufferNames();

  /**
   * Updates {@code param} in place from {@code grad}.
   *
   * @param step the parameter's update count, 1 on its first update
   * @param buffers the parameter's buffers by name, zero-filled before the first update
   */
  protected abstract void update(Tensor param, Tensor grad, long step, Map<String, Tensor> buffers);

  /** Updates every parameter that has a gradient, in place. */
  public final void step() {
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      Variable grad = p.grad();
      if (grad == null) {
        continue;
      }
      ParamState s = state.get(i);
      if (s == null) {
        Map<String, Tensor> buffers = new LinkedHashMap<>();
        bufferNames().forEach(name -> buffers.put(name, Tensor.zeros(p.shape())));
        s = new ParamState(0, buffers);
        state.set(i, s);
      }
      s.step++;
      update(p.data(), grad.data(), s.step, s.buffers);
    }
  }

  /** Forgets every parameter's gradient. */
  public final void zeroGrad() {
    params.forEach(Variable::zeroGrad);
  }

  /** The parameters, in the order given. */
  public final List<Parameter> parameters() {
    return params;
  }

  public final double lr() {
    return lr;
  }

  /**
   * Sets the learning rate of the next steps (schedules call this).
   *
   * @throws IllegalArgumentException if {@code lr} is negative or not finite
   */
  public final void setLr(double lr) {
    Options.checkNonNegative(name(), "learning rate", lr);
    this.lr = lr;
  }

  /** A copy of the complete state, keyed as described in the class comment. */
  public final Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(LR, Tensor.scalar(lr));
    for (int i = 0; i < state.size(); i++) {
      ParamState s = state.get(i);
      if (s != null) {
        out.put(key(i, STEP), Tensor.scalar(s.step));
        for (Map.Entry<String, Tensor> e : s.buffers.entrySet()) {
          out.put(key(i, e.getKey()), copyOf(e.getValue()));
        }
      }
    }
    return out;
  }

  /**
   * Replaces the whole state by a copy of {@code dict}, as written by {@link #stateDict()};
   * parameters without entries lose their state. Every key, shape and value is checked before
   * anything changes.
   *
   * @throws IllegalArgumentException naming this optimizer and the key, if a key is unknown or
   *     missing, names a parameter that does not exist, or holds a tensor of the wrong shape, a
   *     negative learning rate or a step count that is not a positive whole number
   */
  public final void loadStateDict(Map<String, Tensor> dict) {
    checkNotNull(dict, "%s: loadStateDict: the state is null", name());
    double newLr = scalar(dict, LR);
    checkArgument(
        newLr >= 0 && newLr < Double.POSITIVE_INFINITY,
        "%s: loadStateDict: key 'lr' holds %s, expected a finite learning rate >= 0",
        name(),
        newLr);
    List<String> names = new ArrayList<>(List.of(STEP));
    names.addAll(bufferNames());
    Map<Integer, Map<String, Tensor>> byParam = new TreeMap<>();
    for (Map.Entry<String, Tensor> e : dict.entrySet()) {
      String key = e.getKey();
      if (key.equals(LR)) {
        continue;
      }
      Matcher m = STATE_KEY.matcher(key);
      checkArgument(
          m.matches() && names.contains(m.group(2)),
          "%s: loadStateDict: unexpected key '%s'; expected 'lr' and 'state.<index>.<name>' with"
              + " a name in %s",
          name(),
          key,
          names);
      int index = Integer.parseInt(m.group(1));
      checkArgument(
          index < params.size(),
          "%s: loadStateDict: key '%s' names parameter %s but there are %s parameters",
          name(),
          key,
          index,
          params.size());
      Tensor t = e.getValue();
      checkArgument(t != null, "%s: loadStateDict: key '%s' holds null", name(), key);
      Shape expected = m.group(2).equals(STEP) ? Shape.scalar() : params.get(index).shape();
      checkArgument(
          t.shape().equals(expected),
          "%s: loadStateDict: key '%s' has shape %s, expected %s",
          name(),
          key,
          t.shape(),
          expected);
      byParam.computeIfAbsent(index, k -> new LinkedHashMap<>()).put(m.group(2), t);
    }
    for (Map.Entry<Integer, Map<String, Tensor>> e : byParam.entrySet()) {
      for (String name : names) {
        checkArgument(
            e.getValue().containsKey(name),
            "%s: loadStateDict: key '%s' is missing; a parameter's state needs all of %s",
            name(),
            key(e.getKey(), name),
            names);
      }
      double step = e.getValue().get(STEP).item();
      checkArgument(
          step >= 1 && step <= 0x1p53 && step == Math.rint(step),
          "%s: loadStateDict: key '%s' holds %s, expected a positive whole step count",
          name(),
          key(e.getKey(), STEP),
          step);
    }
    lr = newLr;
    for (int i = 0; i < params.size(); i++) {
      Map<String, Tensor> loaded = byParam.get(i);
      if (loaded == null) {
        state.set(i, null);
        continue;
      }
      Map<String, Tensor> buffers = new LinkedHashMap<>();
      bufferNames().forEach(name -> buffers.put(name, copyOf(loaded.get(name))));
      state.set(i, new ParamState((long) loaded.get(STEP).item(), buffers));
    }
  }

  private double scalar(Map<String, Tensor> dict, String key) {
    Tensor t = dict.get(key);
    checkArgument(t != null, "%s: loadStateDict: key '%s' is missing", name(), key);
    checkArgument(
        t.shape().equals(Shape.scalar()),
        "%s: loadStateDict: key '%s' has shape %s, expected a scalar",
        name(),
        key,
        t.shape());
    return t.item();
  }

  private static String key(int index, String name) {
    return "state." + index + "." + name;
  }

  private static Tensor copyOf(Tensor t) {
    Tensor copy = Tensor.zeros(t.shape());
    copy.copyFromInPlace(t);
    return copy;
  }

  /** The optimizer's name for messages, as PyTorch's class name. */
  protected final String name() {
    return getClass().getSimpleName();
  }
}
