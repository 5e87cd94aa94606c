package org.grad4j.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.grad4j.core.BufferPool;
import org.grad4j.core.Tensor;

/**
 * The backward pass: visits the functions behind a root in descending generation order, so a
 * function whose output feeds several paths runs once, after all of its gradient has arrived.
 *
 * <p>Unless the pass builds a graph of its own ({@link BackwardOption#CREATE_GRAPH}), it counts the
 * references it holds to each gradient's storage: a gradient waiting for its function, and the
 * gradients a function has just returned, until they are delivered. When the count of a storage
 * made during the pass drops to zero and no variable keeps it as its {@code grad}, the storage goes
 * back to core's {@link BufferPool} for the next step's gradients of that size.
 */
final class Engine {
  private final Set<Variable> wanted;
  private final Map<Variable, Variable> captured = new IdentityHashMap<>();
  private final Map<Variable, Variable> pending = new IdentityHashMap<>();
  private final PriorityQueue<Function> queue =
      new PriorityQueue<>(Comparator.comparingInt(Function::generation).reversed());
  private final Set<Function> queued = Collections.newSetFromMap(new IdentityHashMap<>());

  /** The storage made during this pass, or {@code null} when the pass creates a graph. */
  private final BufferPool.Scope storage;

  private Engine(Set<Variable> wanted, BufferPool.Scope storage) {
    this.wanted = wanted;
    this.storage = storage;
  }

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
    try (var mode = createGraph ? GradMode.enabled() : GradMode.disabled();
        var storage = createGraph ? null : BufferPool.openScope()) {
      Engine pass = new Engine(wanted, storage);
      pass.propagate(root, new Variable(seed), retainGraph);
      return pass.captured;
    }
  }

  private void propagate(Variable root, Variable seed, boolean retainGraph) {
    deliver(root, seed);
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
      for (Variable g : gxs) {
        hold(g);
      }
      for (int i = 0; i < inputs.length; i++) {
        if (gxs[i] != null && inputs[i].requiresGrad()) {
          deliver(inputs[i], gxs[i]);
        }
      }
      for (Variable g : gxs) {
        drop(g);
      }
      drop(gy);
      if (!retainGraph) {
        f.release();
      }
    }
  }

  /** Hands gradient {@code g} to variable {@code v}: stores it, and queues v's creator. */
  private void deliver(Variable v, Variable g) {
    if (wanted == null ? v.retainsGrad() : wanted.contains(v)) {
      if (wanted == null) {
        v.accumulateGrad(g);
      } else {
        captured.merge(v, g, F::add);
      }
      if (storage != null) {
        storage.pin(g.data());
      }
    }
    Function creator = v.creator();
    if (creator != null) {
      Variable earlier = pending.get(v);
      Variable total = earlier == null ? g : F.add(earlier, g);
      pending.put(v, total);
      hold(total);
      drop(earlier);
      if (queued.add(creator)) {
        queue.add(creator);
      }
    }
  }

  /** Counts a reference this pass holds to {@code g}'s storage. */
  private void hold(Variable g) {
    if (storage != null && g != null) {
      storage.retain(g.data());
    }
  }

  /** Gives up a reference counted by {@link #hold}; the last one may recycle the storage. */
  private void drop(Variable g) {
    if (storage != null && g != null) {
      storage.release(g.data());
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
