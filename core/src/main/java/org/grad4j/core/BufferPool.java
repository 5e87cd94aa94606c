package org.grad4j.core;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Per-thread free lists of {@code double[]} by exact length, for the large arrays a training step
 * allocates again and again at the same sizes: column matrices, products that die inside one kernel
 * call, and the outputs of the large kernels, gradients among them. Reusing them spares the JVM
 * from zeroing tens of megabytes per step (every new array is cleared) and the collector from
 * reclaiming them.
 *
 * <p>{@link #take} hands an array over and {@link #give} returns one whose contents are no longer
 * read, so an array never has two users. A taken array holds stale values: its user must overwrite
 * every element it later reads. A thread keeps at most {@link #BUFFERS_PER_LENGTH} free arrays of
 * one length and {@link #MAX_HELD} values in all; beyond that, returned arrays are left to the
 * collector. Arrays shorter than {@link #MIN_LENGTH} are not pooled: clearing them costs little.
 *
 * <p>Outside core, storage comes back in three ways: {@link Im2Col#recycle} for a column matrix its
 * owner alone holds; a {@link Scope}, which the backward pass opens to count its references to each
 * gradient, returning a gradient's storage when the count drops to zero; and {@link #discard} for a
 * temporary made in the current scope. A scope takes back only arrays handed out while it was open,
 * so nothing made before it, such as the forward pass's tensors, is ever reused.
 */
public final class BufferPool {
  /** Free arrays kept per length: a step rarely has more than two dead ones of a size at once. */
  static final int BUFFERS_PER_LENGTH = 2;

  /**
   * Values a thread keeps at most (128 MiB): a SmallCNN step at batch 64 needs about 80 MiB. The
   * arrays stay with their thread, so a program that runs models on many threads holds up to this
   * much per thread.
   */
  static final long MAX_HELD = 1L << 24;

  /** Arrays shorter than this are allocated as usual and never kept. */
  static final int MIN_LENGTH = 1 << 12;

  private static final ThreadLocal<BufferPool> POOL = ThreadLocal.withInitial(BufferPool::new);

  private final Map<Integer, ArrayDeque<double[]>> free = new HashMap<>();
  private long held;
  private Scope scope;

  private BufferPool() {}

  /** An array of exactly {@code length} values, with arbitrary contents. */
  static double[] take(int length) {
    if (length < MIN_LENGTH) {
      return new double[length];
    }
    BufferPool pool = POOL.get();
    ArrayDeque<double[]> arrays = pool.free.get(length);
    double[] array = arrays == null ? null : arrays.poll();
    if (array == null) {
      array = new double[length];
    } else {
      pool.held -= length;
    }
    if (pool.scope != null) {
      pool.scope.handedOut.add(array);
    }
    return array;
  }

  /**
   * Returns {@code array}, which its user no longer reads or writes, for reuse by this thread.
   *
   * @throws IllegalStateException if the array is already free
   */
  static void give(double[] array) {
    if (array.length < MIN_LENGTH) {
      return;
    }
    BufferPool pool = POOL.get();
    ArrayDeque<double[]> arrays = pool.free.computeIfAbsent(array.length, n -> new ArrayDeque<>());
    for (double[] kept : arrays) {
      if (kept == array) {
        throw new IllegalStateException("BufferPool: an array was returned twice");
      }
    }
    if (arrays.size() < BUFFERS_PER_LENGTH && pool.held + array.length <= MAX_HELD) {
      arrays.push(array);
      pool.held += array.length;
    }
  }

  /**
   * Opens a scope on this thread, which notes the arrays handed out until it is closed (scopes
   * nest; an array belongs to the innermost one).
   */
  public static Scope openScope() {
    BufferPool pool = POOL.get();
    pool.scope = new Scope(pool, pool.scope);
    return pool.scope;
  }

  /**
   * Hands back the storage of {@code temporary}, a tensor made in this thread's current scope that
   * nothing reads any more and no one counts, such as an intermediate of a backward formula.
   * Storage made outside the scope, pinned or counted is left alone.
   */
  public static void discard(Tensor temporary) {
    Scope scope = POOL.get().scope;
    if (scope != null
        && !scope.references.containsKey(temporary.data)
        && !scope.pinned.contains(temporary.data)
        && scope.handedOut.remove(temporary.data)) {
      give(temporary.data);
    }
  }

  /**
   * The arrays handed out on one thread between {@link #openScope} and {@link #close}, and counts
   * of the references a caller holds to tensors' storage: when the last reference to such an array
   * is released and it is not {@link #pin pinned}, it goes back to the pool. Arrays handed out
   * before the scope opened are counted but never reused.
   */
  public static final class Scope implements AutoCloseable {
    private final BufferPool pool;
    private final Scope outer;

    /** Held weakly: an array nobody counts is collected as usual. */
    private final Set<double[]> handedOut = Collections.newSetFromMap(new WeakHashMap<>());

    private final Map<double[], Integer> references = new IdentityHashMap<>();
    private final Set<double[]> pinned = Collections.newSetFromMap(new IdentityHashMap<>());

    private Scope(BufferPool pool, Scope outer) {
      this.pool = pool;
      this.outer = outer;
    }

    /** Counts one more reference to {@code tensor}'s storage (shared by its reshaped views). */
    public void retain(Tensor tensor) {
      references.merge(tensor.data, 1, Integer::sum);
    }

    /**
     * Gives up a reference counted by {@link #retain}. The caller guarantees that, once no counted
     * reference is left, nothing reads the storage any more unless it was pinned.
     *
     * @throws IllegalStateException if no reference to the storage is counted
     */
    public void release(Tensor tensor) {
      Integer count = references.get(tensor.data);
      if (count == null) {
        throw new IllegalStateException("BufferPool: released a tensor that was not retained");
      }
      if (count > 1) {
        references.put(tensor.data, count - 1);
        return;
      }
      references.remove(tensor.data);
      if (!pinned.contains(tensor.data) && handedOut.remove(tensor.data)) {
        give(tensor.data);
      }
    }

    /** Keeps {@code tensor}'s storage out of the pool whatever its count: it outlives the scope. */
    public void pin(Tensor tensor) {
      pinned.add(tensor.data);
    }

    /** Stops noting arrays; the enclosing scope, if any, notes them again. */
    @Override
    public void close() {
      pool.scope = outer;
    }
  }
}
