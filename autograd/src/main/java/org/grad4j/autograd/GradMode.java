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
  private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

  private GradMode() {}

  /** Whether ops on this thread record a graph. */
  public static boolean isEnabled() {
    return ENABLED.get();
  }

  /** Turns recording off on this thread until the returned scope is closed. */
  public static Scope disabled() {
    return set(false);
  }

  /** Turns recording on on this thread until the returned scope is closed. */
  public static Scope enabled() {
    return set(true);
  }

  private static Scope set(boolean enabled) {
    boolean previous = ENABLED.get();
    ENABLED.set(enabled);
    return () -> ENABLED.set(previous);
  }

  /** Restores the previous grad mode when closed. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
