package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void aReturnedBufferServesTheNextRequestOfItsLength() {
    double[] buffer = BufferPool.take(1001);
    BufferPool.give(buffer);
    assertNotSame(buffer, BufferPool.take(1000), "lengths must match exactly");
    assertSame(buffer, BufferPool.take(1001));
  }

  @Test
  void aBufferIsNeverHandedToTwoUsersAtOnce() {
    double[] first = BufferPool.take(100);
    double[] second = BufferPool.take(100);
    assertNotSame(first, second);
    BufferPool.give(first);
    assertSame(first, BufferPool.take(100));
    assertNotSame(first, BufferPool.take(100));
  }

  @Test
  void returningABufferTwiceIsAnError() {
    double[] buffer = BufferPool.take(77);
    BufferPool.give(buffer);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> BufferPool.give(buffer));
    assertEquals("BufferPool: a buffer was returned twice", e.getMessage());
    BufferPool.take(77);
  }

  @Test
  void atMostAFewBuffersOfOneLengthAreKept() {
    double[][] buffers = new double[BufferPool.BUFFERS_PER_LENGTH + 1][];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = BufferPool.take(333);
    }
    for (double[] b : buffers) {
      BufferPool.give(b);
    }
    for (int i = 0; i < BufferPool.BUFFERS_PER_LENGTH; i++) {
      BufferPool.take(333);
    }
    double[] fresh = BufferPool.take(333);
    for (double[] b : buffers) {
      assertNotSame(b, fresh);
    }
  }

  @Test
  void threadsHaveTheirOwnBuffers() throws Exception {
    double[] mine = BufferPool.take(64);
    BufferPool.give(mine);
    double[] theirs = CompletableFuture.supplyAsync(() -> BufferPool.take(64)).get();
    assertNotSame(mine, theirs);
    assertSame(mine, BufferPool.take(64));
  }
}
