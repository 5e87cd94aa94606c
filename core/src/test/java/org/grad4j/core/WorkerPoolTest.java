package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void runsEveryPartOnce() {
    AtomicIntegerArray runs = new AtomicIntegerArray(5);
    WorkerPool.run(5, runs::incrementAndGet);
    for (int part = 0; part < 5; part++) {
      assertEquals(1, runs.get(part), "part " + part);
    }
  }

  @Test
  void aFailingPartIsRethrownOnceEveryPartHasEnded() {
    AtomicInteger finished = new AtomicInteger();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                WorkerPool.run(
                    3,
                    part -> {
                      failing(p -> p == 2, p -> new IllegalStateException("part 2 failed"))
                          .accept(part);
                      finished.incrementAndGet();
                    }));
    assertEquals("part 2 failed", e.getMessage());
    assertEquals(2, finished.get());
  }

  @Test
  void theLowestFailingPartsExceptionIsRethrown() {
    for (int attempt = 0; attempt < 20; attempt++) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  WorkerPool.run(
                      4,
                      failing(
                          part -> part % 2 == 1,
                          part -> new IllegalStateException("part " + part + " failed"))));
      assertEquals("part 1 failed", e.getMessage());
    }
  }

  @Test
  void anErrorInAPartIsRethrownAsItIs() {
    StackOverflowError e =
        assertThrows(
            StackOverflowError.class,
            () ->
                WorkerPool.run(
                    2, failing(part -> part == 1, part -> new StackOverflowError("part 1"))));
    assertEquals("part 1", e.getMessage());
  }

  @Test
  void callersOnSeveralThreadsAllComplete() throws InterruptedException {
    int callers = 4;
    int jobs = 200;
    AtomicIntegerArray sums = new AtomicIntegerArray(callers);
    Thread[] threads = new Thread[callers];
    for (int t = 0; t < callers; t++) {
      int caller = t;
      threads[t] =
          new Thread(
              () -> {
                for (int job = 0; job < jobs; job++) {
                  WorkerPool.run(3, part -> sums.addAndGet(caller, part + 1));
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    for (int t = 0; t < callers; t++) {
      assertEquals(jobs * (1 + 2 + 3), sums.get(t), "caller " + t);
    }
  }

  @Test
  void aCheckedExceptionThrownByAPartIsWrappedAndThePoolKeepsWorking() {
    UndeclaredThrowableException e =
        assertThrows(
            UndeclaredThrowableException.class,
            () -> WorkerPool.run(2, failing(part -> part == 1, part -> new IOException("part 1"))));
    assertEquals("part 1", e.getCause().getMessage());
    AtomicIntegerArray runs = new AtomicIntegerArray(2);
    WorkerPool.run(2, runs::incrementAndGet);
    assertEquals(1, runs.get(0));
    assertEquals(1, runs.get(1));
  }

  @Test
  void anInterruptedCallerWaitsParkedAndStaysInterrupted() throws InterruptedException {
    assumeTrue(WorkerPool.threads() >= 2, "needs a helper thread");
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    Thread.currentThread().interrupt();
    long cpuBefore = bean.getCurrentThreadCpuTime();
    runOnHelper(
        () -> {
          long end = System.nanoTime() + 200_000_000L;
          while (System.nanoTime() < end) {
            Thread.onSpinWait();
          }
        });
    long cpuMillis = (bean.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
    assertTrue(Thread.interrupted(), "the caller's interrupt status is kept");
    assertTrue(cpuMillis < 100, "the caller spun for " + cpuMillis + " ms of CPU while waiting");
  }

  @Test
  void anInterruptLeftByAPartReachesNeitherTheIdleHelperNorLaterParts()
      throws InterruptedException {
    assumeTrue(WorkerPool.threads() >= 2, "needs a helper thread");
    runOnHelper(() -> Thread.currentThread().interrupt());
    Thread helper =
        Thread.getAllStackTraces().keySet().stream()
            .filter(t -> t.getName().equals("grad4j-worker-1"))
            .findFirst()
            .orElseThrow();
    long deadline = System.nanoTime() + 2_000_000_000L;
    while (helper.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(Thread.State.WAITING, helper.getState(), "the idle helper parks");
    AtomicBoolean interrupted = new AtomicBoolean(true);
    runOnHelper(() -> interrupted.set(Thread.currentThread().isInterrupted()));
    assertFalse(interrupted.get(), "a later part on the helper saw the interrupt");
  }

  /**
   * Runs {@code action} as the part of a two-part job that a helper claims, while the calling
   * thread, in the other part, waits for it to start (parts go to whichever thread claims them
   * first).
   */
  private static void runOnHelper(Runnable action) {
    Thread caller = Thread.currentThread();
    CountDownLatch helperStarted = new CountDownLatch(1);
    WorkerPool.run(
        2,
        part -> {
          if (Thread.currentThread() == caller) {
            awaitUninterruptibly(helperStarted);
          } else {
            helperStarted.countDown();
            action.run();
          }
        });
  }

  @Test
  void nestedRunsComplete() {
    AtomicInteger inner = new AtomicInteger();
    WorkerPool.run(2, outer -> WorkerPool.run(2, part -> inner.incrementAndGet()));
    assertEquals(4, inner.get());
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = Thread.interrupted();
    while (true) {
      try {
        assertTrue(latch.await(10, TimeUnit.SECONDS), "the other part never started");
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A part that throws {@code error}'s throwable, checked or not (as Kotlin or Lombok code can),
   * for the parts {@code fails} accepts.
   */
  private static IntConsumer failing(IntPredicate fails, IntFunction<Throwable> error) {
    return part -> {
      if (fails.test(part)) {
        throwUnchecked(error.apply(part));
      }
    };
  }

  /** Throws {@code e} without declaring it. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void throwUnchecked(Throwable e) throws E {
    throw (E) e;
  }

  @Test
  void theGatewayReportsThePoolSize() {
    assertEquals(WorkerPool.parseThreads(System.getProperty("grad4j.threads")), MatMul.threads());
  }

  @Test
  void theThreadCountIsAPositiveInteger() {
    assertEquals(3, WorkerPool.parseThreads(" 3"));
    assertEquals(Runtime.getRuntime().availableProcessors(), WorkerPool.parseThreads(null));
    assertIllegalArgument(() -> WorkerPool.parseThreads("0"), "grad4j.threads=0", "positive");
    assertIllegalArgument(() -> WorkerPool.parseThreads("two"), "grad4j.threads=two");
  }
}
