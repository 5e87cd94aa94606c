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
