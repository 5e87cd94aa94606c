package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
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
                      if (part == 2) {
                        throw new IllegalStateException("part 2 failed");
                      }
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
                      part -> {
                        if (part % 2 == 1) {
                          throw new IllegalStateException("part " + part + " failed");
                        }
                      }));
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
                    2,
                    part -> {
                      if (part == 1) {
                        throw new StackOverflowError("part 1");
                      }
                    }));
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
  void nestedRunsComplete() {
    AtomicInteger inner = new AtomicInteger();
    WorkerPool.run(2, outer -> WorkerPool.run(2, part -> inner.incrementAndGet()));
    assertEquals(4, inner.get());
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
