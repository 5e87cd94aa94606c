package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The threads shared by grad4j's heavy kernels: {@code grad4j.threads} of them (default: the
 * available processors), the calling thread being one. The helper threads are daemons, started on
 * first use.
 */
final class WorkerPool {
  /** The system property that sets the number of threads. */
  static final String THREADS_PROPERTY = "grad4j.threads";

  private static final int THREADS = parseThreads(System.getProperty(THREADS_PROPERTY));

  private WorkerPool() {}

  /** The number of threads a kernel may use, the caller included. */
  static int threads() {
    return THREADS;
  }

  /**
   * Runs {@code task} for parts {@code 0 .. parts-1} and returns when all have finished: part 0 on
   * the calling thread, the others on the helper threads. Called from a helper thread, it runs
   * every part on that thread, so nested use cannot deadlock.
   */
  static void run(int parts, IntConsumer task) {
    checkArgument(parts >= 1, "WorkerPool.run: expected at least one part, got %s", parts);
    if (parts == 1 || Thread.currentThread() instanceof Helper) {
      for (int part = 0; part < parts; part++) {
        task.accept(part);
      }
      return;
    }
    CompletableFuture<?>[] others = new CompletableFuture<?>[parts - 1];
    for (int part = 1; part < parts; part++) {
      int p = part;
      others[part - 1] = CompletableFuture.runAsync(() -> task.accept(p), Helpers.EXECUTOR);
    }
    Throwable failure = null;
    try {
      task.accept(0);
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    for (CompletableFuture<?> other : others) {
      try {
        other.join();
      } catch (CompletionException e) {
        failure = failure == null ? e.getCause() : failure;
      }
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
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

  private static final class Helper extends Thread {
    Helper(Runnable body, int index) {
      super(body, "grad4j-worker-" + index);
      setDaemon(true);
    }
  }

  /** The helper threads, created when a kernel first splits its work. */
  private static final class Helpers {
    private static final AtomicInteger CREATED = new AtomicInteger();

    static final ExecutorService EXECUTOR =
        Executors.newFixedThreadPool(
            Math.max(1, THREADS - 1), body -> new Helper(body, CREATED.incrementAndGet()));
  }
}
