package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ScratchBufferTest {
  @Test
  void aReturnedBufferIsReusedForRequestsItCanHold() {
    double[] big = ScratchBuffer.take(1000);
    ScratchBuffer.give(big);
    double[] smaller = ScratchBuffer.take(10);
    assertSame(big, smaller);
    ScratchBuffer.give(smaller);
  }

  @Test
  void aBufferIsNeverHandedToTwoUsersAtOnce() {
    double[] first = ScratchBuffer.take(100);
    double[] second = ScratchBuffer.take(100);
    assertNotSame(first, second);
    ScratchBuffer.give(first);
    ScratchBuffer.give(second);
  }

  @Test
  void aTooSmallBufferIsReplacedAndTheLargerOneKept() {
    ScratchBuffer.give(ScratchBuffer.take(10));
    double[] large = ScratchBuffer.take(5000);
    assertTrue(large.length >= 5000);
    ScratchBuffer.give(new double[20]);
    ScratchBuffer.give(large);
    assertSame(large, ScratchBuffer.take(4000));
  }

  @Test
  void threadsHaveTheirOwnBuffers() throws Exception {
    double[] mine = ScratchBuffer.take(64);
    ScratchBuffer.give(mine);
    double[] theirs = CompletableFuture.supplyAsync(() -> ScratchBuffer.take(64)).get();
    assertNotSame(mine, theirs);
    assertEquals(64, theirs.length);
  }
}
