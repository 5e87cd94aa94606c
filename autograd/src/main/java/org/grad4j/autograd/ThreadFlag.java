package org.grad4j.autograd;

/** A per-thread on/off setting, changed for the length of a {@link Scope}. */
final class ThreadFlag {
  private final ThreadLocal<Boolean> value;

  ThreadFlag(boolean initial) {
    value = ThreadLocal.withInitial(() -> initial);
  }

  boolean get() {
    return value.get();
  }

  Scope set(boolean on) {
    boolean previous = value.get();
    value.set(on);
    return () -> value.set(previous);
  }
}
