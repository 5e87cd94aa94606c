package org.grad4j.core;

/**
 * A per-thread buffer for intermediate results that die inside one kernel call, such as the column
 * matrix of a transposed convolution before {@code col2im} folds it into an image. A training step
 * repeats the same sizes, so reusing the buffer spares the allocator from clearing tens of
 * megabytes per step (Java zeroes every new array).
 *
 * <p>{@link #take} hands the thread's buffer over and {@link #give} returns it, so a nested {@code
 * take} before the {@code give} simply gets a fresh array: a buffer is never shared by two users.
 * Whatever is taken holds stale values; its user must overwrite what it reads.
 */
final class ScratchBuffer {
  private static final ThreadLocal<double[]> FREE = new ThreadLocal<>();

  private ScratchBuffer() {}

  /** An array of at least {@code size} elements, with arbitrary contents. */
  static double[] take(int size) {
    double[] buffer = FREE.get();
    FREE.remove();
    return buffer != null && buffer.length >= size ? buffer : new double[size];
  }

  /** Returns {@code buffer} to this thread for reuse; its contents are no longer read. */
  static void give(double[] buffer) {
    double[] held = FREE.get();
    if (held == null || held.length < buffer.length) {
      FREE.set(buffer);
    }
  }
}
