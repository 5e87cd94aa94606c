package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The threads shared by grad4j's heavy kernels: {@code grad4j.threads} of them (default: the
 * available processors), the calling thread being one. The helper threads are daemons, started on
 * first use.
 *
 * <p>A job's parts are claimed one at a time from a shared counter by the calling thread and the
 * helpers alike, so a helper that is slow to wake costs at most the parts it has claimed. An idle
 * helper polls for the next job for {@link #SPIN_NANOS} before it parks, as OpenMP and OpenBLAS
 * threads do: waking a parked thread takes tens of microseconds, and now and then the woken thread
 * was placed on the caller's own core and started milliseconds late. On conv2d S1, whose kernels
 * are short, polling halved the time (measured on a 2-core machine, 11.1 to 5.9 ms forward and
 * backward). Helpers park at once when there are more threads than processors, where polling would
 * take the caller's core.
 */
final class WorkerPool {
  /** The system property that sets the number of threads. */
  static final String THREADS_PROPERTY = "grad4j.threads";

  /**
   * How long an idle helper polls for the next job before it parks, and the calling thread polls
   * for the helpers' parts before it parks: longer than the serial work between the parallel
   * kernels of a training step, short enough not to hold a core between steps.
   */
  static final long SPIN_NANOS = 1_000_000;

  private static final int THREADS = parseThreads(System.getProperty(THREADS_PROPERTY));

  private static final boolean POLLS = THREADS <= Runtime.getRuntime().availableProcessors();

  /** Set while a thread other than a helper has a job on the helpers; others run theirs alone. */
  private static final AtomicBoolean BUSY = new AtomicBoolean();

  /** The latest job; helpers take part in each new one. */
  private static volatile Job current;

  /**
   * The job that was current when {@link #parkHelpers} was last called: helpers waiting for the job
   * after it park at once.
   */
  private static volatile Job parkAfter;

  private WorkerPool() {}

  /** The number of threads a kernel may use, the caller included. */
  static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code task} for parts {@code 0 .. parts-1} and returns when all have finished, on the
   * calling thread and the helpers. Called from a helper, from inside a part, or while another
   * thread's job is running, it runs every part on the calling thread, so nested and concurrent use
   * cannot deadlock. A part that throws does not stop the others; once all have ended, the
   * exception of the lowest failing part is rethrown (a checked one, thrown past the compiler,
   * wrapped in an {@link UndeclaredThrowableException}).
   */
  static void run(int parts, IntConsumer task) {
    checkArgument(parts >= 1, "WorkerPool.run: expected at least one part, got %s", parts);
    if (parts == 1) {
      task.accept(0);
      return;
    }
    Job job = new Job(parts, task, Thread.currentThread());
    if (THREADS == 1
        || Thread.currentThread() instanceof Helper
        || !BUSY.compareAndSet(false, true)) {
      job.work();
      job.rethrow();
      return;
    }
    try {
      // Read first, so that a failure to start the helpers leaves no job published.
      Helper[] helpers = Helpers.THREADS;
      current = job;
      for (int i = 0; i < Math.min(parts - 1, helpers.length); i++) {
        LockSupport.unpark(helpers[i]); // those polling have seen the job already
      }
      job.work();
      job.awaitParts();
      job.release();
    } finally {
      BUSY.set(false);
    }
    job.rethrow();
  }

  /**
   * Makes the helpers that wait for the next job park now rather than poll for {@link #SPIN_NANOS}:
   * for callers about to run work on threads of their own (EJML's concurrent products), which
   * polling helpers would slow down on a machine with no spare core. It holds until the next job,
   * so a helper still finishing a part of the current one parks too.
   */
  static void parkHelpers() {
    parkAfter = current;
  }

  /** Work on the index range {@code [from, to)}. */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  /**
   * Runs {@code task} over {@code [0, n)} split into equal contiguous ranges, one per thread, when
   * every range gets at least {@code minPerPart} indices; on the calling thread alone otherwise.
   */
  static void forRange(int n, int minPerPart, RangeTask task) {
    int parts = Math.max(1, Math.min(THREADS, n / Math.max(1, minPerPart)));
    run(
        parts,
        part -> task.run((int) ((long) n * part / parts), (int) ((long) n * (part + 1) / parts)));
  }

  /**
   * The thread count a {@code grad4j.threads} value asks for: the available processors when unset.
   *
   * @throws IllegalArgumentException unless the value is a positive integer
   */
  static int parseThreads(String value) {
    if (value == null) {
      return Runtime.getRuntime().availableProcessors();
    }
    int threads;
    try {
      threads = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      threads = 0;
    }
    checkArgument(
        threads >= 1, "%s=%s: expected a positive number of threads", THREADS_PROPERTY, value);
    return threads;
  }

  /**
   * Returns once {@code done} holds: polls it for {@link #SPIN_NANOS} while {@code mayPoll} holds
   * (and there are no more threads than processors), then parks. An interrupt does not end the
   * wait; the thread's interrupt status is kept.
   */
  private static void await(BooleanSupplier done, BooleanSupplier mayPoll, Object blocker) {
    long start = System.nanoTime();
    boolean interrupted = false;
    while (!done.getAsBoolean()) {
      if (POLLS && System.nanoTime() - start < SPIN_NANOS && mayPoll.getAsBoolean()) {
        Thread.onSpinWait();
      } else {
        LockSupport.park(blocker);
        interrupted |= Thread.interrupted();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One call of {@link #run}: its parts, claimed in order by whichever thread asks first. */
  private static final class Job {
    private final int parts;
    private IntConsumer task;
    private final Thread caller;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger unfinished;
    private Throwable failure;
    private int failedPart = Integer.MAX_VALUE;

    Job(int parts, IntConsumer task, Thread caller) {
      this.parts = parts;
      this.task = task;
      this.caller = caller;
      unfinished = new AtomicInteger(parts);
    }

    /**
     * Claims and runs parts until none is left unclaimed. Whatever a part throws is kept for {@link
     * #rethrow}, checked exceptions thrown past the compiler included, so every part is counted as
     * finished.
     */
    void work() {
      for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
        try {
          task.accept(part);
        } catch (Throwable e) {
          recordFailure(part, e);
        }
        if (unfinished.decrementAndGet() == 0 && Thread.currentThread() != caller) {
          LockSupport.unpark(caller);
        }
      }
    }

    /**
     * Drops the task, which may hold large arrays, once every part has finished: a helper keeps the
     * last job it saw.
     */
    void release() {
      task = null;
    }

    /** Returns once every part has finished, on whichever thread it ran. */
    void awaitParts() {
      await(() -> unfinished.get() == 0, () -> true, this);
    }

    private synchronized void recordFailure(int part, Throwable e) {
      if (part < failedPart) {
        failedPart = part;
        failure = e;
      }
    }

    /**
     * Rethrows the exception of the lowest failing part, if any; a checked one wrapped in an {@link
     * UndeclaredThrowableException}.
     */
    synchronized void rethrow() {
      if (failure instanceof RuntimeException e) {
        throw e;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure != null) {
        throw new UndeclaredThrowableException(
            failure, "WorkerPool: part " + failedPart + " threw a checked exception");
      }
    }
  }

  /** A helper thread: takes part in every new job, polling for it, then parked. */
  private static final class Helper extends Thread {
    Helper(int index) {
      super("grad4j-worker-" + index);
      setDaemon(true);
    }

    @Override
    public void run() {
      Job seen = null;
      while (true) {
        // Only a part can have set the flag (nothing else sees this thread); left set, it would
        // keep park from parking.
        Thread.interrupted();
        Job last = seen;
        await(() -> current != last, () -> parkAfter != last, this);
        seen = current;
        seen.work();
      }
    }
  }

  /** The helper threads, started when a kernel first splits its work. */
  private static final class Helpers {
    private static final Helper[] THREADS = start(WorkerPool.THREADS - 1);

    private static Helper[] start(int count) {
      Helper[] helpers = new Helper[count];
      for (int i = 0; i < count; i++) {
        helpers[i] = new Helper(i + 1);
        helpers[i].start();
      }
      return helpers;
    }
  }
}
