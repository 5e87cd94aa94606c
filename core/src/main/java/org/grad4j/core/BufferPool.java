package org.grad4j.core;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-thread free lists of {@code double[]} by exact length, for the large buffers a training step
 * allocates again and again at the same sizes: column matrices, and products that die inside one
 * kernel call. Reusing them spares the JVM from zeroing tens of megabytes per step (every new array
 * is cleared) and the collector from reclaiming them.
 *
 * <p>{@link #take} hands a buffer over and {@link #give} returns one whose contents are no longer
 * read, so a buffer never has two users. A taken buffer holds stale values: its user must overwrite
 * every element it later reads. A thread keeps at most {@link #BUFFERS_PER_LENGTH} free buffers of
 * one length and {@link #MAX_HELD} values in all; beyond that, returned buffers are left to the
 * collector.
 */
final class BufferPool {
  /** Free buffers kept per length: a step rarely has more than two live at once. */
  static final int BUFFERS_PER_LENGTH = 2;

  /** Values a thread keeps at most (256 MiB). */
  static final long MAX_HELD = 1L << 25;

  private static final ThreadLocal<BufferPool> POOL = ThreadLocal.withInitial(BufferPool::new);

  private final Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
  private long held;

  private BufferPool() {}

  /** A buffer of exactly {@code length} values, with arbitrary contents. */
  static double[] take(int length) {
    BufferPool pool = POOL.get();
    ArrayDeque<double[]> buffers = pool.free.get(length);
    double[] buffer = buffers == null ? null : buffers.poll();
    if (buffer == null) {
      return new double[length];
    }
    pool.held -= length;
    return buffer;
  }

  /** Returns {@code buffer}, which its user no longer reads or writes, for reuse by this thread. */
  static void give(double[] buffer) {
    BufferPool pool = POOL.get();
    ArrayDeque<double[]> buffers =
        pool.free.computeIfAbsent(buffer.length, n -> new ArrayDeque<>());
    for (double[] kept : buffers) {
      if (kept == buffer) {
        throw new IllegalStateException("BufferPool: a buffer was returned twice");
      }
    }
    if (buffers.size() < BUFFERS_PER_LENGTH && pool.held + buffer.length <= MAX_HELD) {
      buffers.push(buffer);
      pool.held += buffer.length;
    }
  }
}
