package org.grad4j.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wall time spent in the heavy kernels, summed over all threads since the last {@link #reset()}.
 * Benchmarks use it to split a step's time into matrix products, im2col/col2im and the rest.
 */
public final class KernelTimer {
  /** The kernels that are timed. */
  public enum Kernel {
    MATMUL,
    IM2COL,
    COL2IM
  }

  private static final Map<Kernel, LongAdder> NANOS = new EnumMap<>(Kernel.class);

  static {
    for (Kernel k : Kernel.values()) {
      NANOS.put(k, new LongAdder());
    }
  }

  private KernelTimer() {}

  static void add(Kernel kernel, long startNanos) {
    NANOS.get(kernel).add(System.nanoTime() - startNanos);
  }

  /** Nanoseconds spent in {@code kernel} since the last reset. */
  public static long nanos(Kernel kernel) {
    return NANOS.get(kernel).sum();
  }

  /** Sets every counter to zero. */
  public static void reset() {
    NANOS.values().forEach(LongAdder::reset);
  }
}
