package org.grad4j.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.grad4j.core.Tensor;

/**
 * The backward pass: visits the functions behind a root in descending generation order, so a
 * function whose output feeds several paths runs once, after all of its gradient has arrived.
 */
final class Engine {
  private Engine() {}

  /**
   * Backpropagates {@code seed} from {@code root}.
   *
   * @param wanted {@code null} to accumulate into leaves' (and retained variables') {@code grad};
   *     otherwise the variables whose gradients are returned, leaving every {@code grad} untouched
   * @return the gradients of {@code wanted} that were reached (empty when {@code wanted} is null)
   */
  static Map<Variable, Variable> run(
      Variable root, Tensor seed, Collection<BackwardOption> options, Set<Variable> wanted) {
    checkArgument(
        seed.shape().equals(root.shape()),
        "backward: seed gradient of shape %s does not match output of shape %s",
        seed.shape(),
        root.shape());
    checkArgument(
        root.requiresGrad(),
        "backward: the output does not require grad; no input that requires grad reaches it"
            + " (or it was computed with grad mode disabled)");
    boolean createGraph = options.contains(BackwardOption.CREATE_GRAPH);
    boolean retainGraph = createGraph || options.contains(BackwardOption.RETAIN_GRAPH);
    Map<Variable, Variable> captured = new IdentityHashMap<>();
    Map<Variable, Variable> pending = new IdentityHashMap<>();
    PriorityQueue<Function> queue =
        new PriorityQueue<>(Comparator.comparingInt(Function::generation).reversed());
    Set<Function> queued = Collections.newSetFromMap(new IdentityHashMap<>());

    try (var mode = createGraph ? GradMode.enabled() : GradMode.disabled()) {
      deliver(root, new Variable(seed), wanted, captured, pending, queue, queued);
      while (!queue.isEmpty()) {
        Function f = queue.poll();
        Variable[] inputs = f.inputs();
        Variable gy = pending.remove(f.output());
        Variable[] gxs;
        try (var formula = AnomalyMode.inBackwardFormula()) {
          gxs = f.backward(gy);
        }
        checkGradients(f, inputs, gxs);
        if (AnomalyMode.isEnabled()) {
          for (Variable g : gxs) {
            if (g != null) {
              AnomalyMode.check(g.data(), "gradient", f, f.forwardTrace());
            }
          }
        }
        for (int i = 0; i < inputs.length; i++) {
          if (gxs[i] != null && inputs[i].requiresGrad()) {
            deliver(inputs[i], gxs[i], wanted, captured, pending, queue, queued);
          }
        }
        if (!retainGraph) {
          f.release();
        }
      }
    }
    return captured;
  }

  /** Hands gradient {@code g} to variable {@code v}: stores it, and queues v's creator. */
  private static void deliver(
      Variable v,
      Variable g,
      Set<Variable> wanted,
      Map<Variable, Variable> captured,
      Map<Variable, Variable> pending,
      PriorityQueue<Function> queue,
      Set<Function> queued) {
    if (wanted == null ? v.retainsGrad() : wanted.contains(v)) {
      if (wanted == null) {
        v.accumulateGrad(g);
      } else {
        captured.merge(v, g, F::add);
      }
    }
    Function creator = v.creator();
    if (creator != null) {
      pending.merge(v, g, F::add);
      if (queued.add(creator)) {
        queue.add(creator);
      }
    }
  }

  private static void checkGradients(Function f, Variable[] inputs, Variable[] gxs) {
    if (gxs.length != inputs.length) {
      throw new IllegalStateException(
          f.name()
              + ": backward returned "
              + gxs.length
              + " gradients for "
              + inputs.length
              + " inputs");
    }
    for (int i = 0; i < gxs.length; i++) {
      if (gxs[i] != null && !gxs[i].shape().equals(inputs[i].shape())) {
        throw new IllegalStateException(
            f.name()
                + ": backward returned a gradient of shape "
                + gxs[i].shape()
                + " for input "
                + i
                + " of shape "
                + inputs[i].shape());
      }
    }
  }
}
