package org.grad4j.autograd;

import org.grad4j.core.Tensor;

/**
 * Opt-in checks for NaN and infinity, per thread, like PyTorch's {@code detect_anomaly}. While
 * enabled, every op checks its forward output and the engine checks every gradient a backward
 * formula returns; the first non-finite value throws an {@link IllegalStateException} naming the
 * op, and, for gradients, carries as its cause the stack trace of the forward call that built that
 * part of the graph. It costs a scan of every tensor and a stack trace per op: use it to debug.
 *
 * <pre>{@code
 * try (var anomaly = AnomalyMode.enabled()) {
 *   Variable loss = model.forward(x);
 *   loss.backward();
 * }
 * }</pre>
 */
public final class AnomalyMode {
  private static final ThreadFlag ENABLED = new ThreadFlag(false);
  private static final ThreadFlag IN_BACKWARD_FORMULA = new ThreadFlag(false);

  private AnomalyMode() {}

  public static boolean isEnabled() {
    return ENABLED.get();
  }

  /** Turns the checks on for this thread until the returned scope is closed. */
  public static Scope enabled() {
    return ENABLED.set(true);
  }

  /**
   * Whether forward outputs are checked now: not inside a backward formula, whose ops are judged by
   * the gradient they return, so a failure names the op whose backward it was.
   */
  static boolean checksForward() {
    return ENABLED.get() && !IN_BACKWARD_FORMULA.get();
  }

  /** Marks this thread as running a backward formula until the scope is closed. */
  static Scope inBackwardFormula() {
    return IN_BACKWARD_FORMULA.set(true);
  }

  /** Throws if {@code t} holds a NaN or an infinity. */
  static void check(Tensor t, String what, Function op, Throwable builtAt) {
    int bad = t.firstNonFinite();
    if (bad >= 0) {
      double value = t.toArray()[bad];
      throw new IllegalStateException(
          String.format(
              "anomaly: %s produced %s in its %s of shape %s, first at index %s%s",
              op.name(),
              value,
              what,
              t.shape(),
              java.util.Arrays.toString(t.shape().unravel(bad)),
              builtAt == null ? "" : "; the cause shows where its forward call was made"),
          builtAt);
    }
  }

  /** The stack of the forward call that is creating a graph node. */
  static Throwable forwardTrace(Function op) {
    return new Throwable("forward call of " + op.name() + " that built this part of the graph");
  }
}
