package org.grad4j.autograd;

/**
 * Whether ops record a graph, per thread. Recording is on by default.
 *
 * <pre>{@code
 * try (var scope = GradMode.disabled()) {
 *   Variable y = model.forward(x); // no graph is recorded
 * }
 * }</pre>
 */
public final class GradMode {
  private static final ThreadFlag ENABLED = new ThreadFlag(true);

  private GradMode() {}

  /** Whether ops on this thread record a graph. */
  public static boolean isEnabled() {
    return ENABLED.get();
  }

  /** Turns recording off on this thread until the returned scope is closed. */
  public static Scope disabled() {
    return ENABLED.set(false);
  }

  /** Turns recording on on this thread until the returned scope is closed. */
  public static Scope enabled() {
    return ENABLED.set(true);
  }
}
