package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  /** Lengths at which arrays are pooled; each test uses its own so tests do not share arrays. */
  private static int length(int offset) {
    return BufferPool.MIN_LENGTH + offset;
  }

  @Test
  void aReturnedArrayServesTheNextRequestOfItsLength() {
    double[] array = BufferPool.take(length(1));
    BufferPool.give(array);
    assertFalse(array == BufferPool.take(length(0)), "lengths must match exactly");
    assertTrue(array == BufferPool.take(length(1)));
  }

  @Test
  void anArrayIsNeverHandedToTwoUsersAtOnce() {
    double[] first = BufferPool.take(length(2));
    double[] second = BufferPool.take(length(2));
    assertFalse(first == second);
    BufferPool.give(first);
    assertTrue(first == BufferPool.take(length(2)));
    assertFalse(first == BufferPool.take(length(2)));
  }

  @Test
  void returningAnArrayTwiceIsAnError() {
    double[] array = BufferPool.take(length(3));
    BufferPool.give(array);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> BufferPool.give(array));
    assertEquals("BufferPool: an array was returned twice", e.getMessage());
    BufferPool.take(length(3));
  }

  @Test
  void shortArraysAreNeverPooled() {
    double[] small = BufferPool.take(BufferPool.MIN_LENGTH - 1);
    BufferPool.give(small);
    assertFalse(small == BufferPool.take(BufferPool.MIN_LENGTH - 1));
  }

  @Test
  void atMostAFewArraysOfOneLengthAreKept() {
    double[][] arrays = new double[BufferPool.BUFFERS_PER_LENGTH + 1][];
    for (int i = 0; i < arrays.length; i++) {
      arrays[i] = BufferPool.take(length(4));
    }
    for (double[] a : arrays) {
      BufferPool.give(a);
    }
    for (int i = 0; i < BufferPool.BUFFERS_PER_LENGTH; i++) {
      BufferPool.take(length(4));
    }
    double[] fresh = BufferPool.take(length(4));
    for (double[] a : arrays) {
      assertFalse(a == fresh);
    }
  }

  @Test
  void threadsHaveTheirOwnArrays() throws Exception {
    double[] mine = BufferPool.take(length(5));
    BufferPool.give(mine);
    double[] theirs = CompletableFuture.supplyAsync(() -> BufferPool.take(length(5))).get();
    assertFalse(mine == theirs);
    assertTrue(mine == BufferPool.take(length(5)));
  }

  @Test
  void aScopeRecyclesItsArraysWhenTheLastReferenceIsReleased() {
    Tensor made;
    try (BufferPool.Scope scope = BufferPool.openScope()) {
      made = new Tensor(Shape.of(length(6)), BufferPool.take(length(6)));
      Tensor view = made.reshape(1, length(6));
      scope.retain(made);
      scope.retain(view);
      scope.release(made);
      assertFalse(made.data == BufferPool.take(length(6)), "a view still holds the storage");
      scope.release(view);
    }
    assertTrue(made.data == BufferPool.take(length(6)));
  }

  @Test
  void aScopeNeverRecyclesPinnedArraysOrArraysMadeBeforeIt() {
    Tensor before = new Tensor(Shape.of(length(7)), BufferPool.take(length(7)));
    Tensor pinned;
    try (BufferPool.Scope scope = BufferPool.openScope()) {
      pinned = new Tensor(Shape.of(length(7)), BufferPool.take(length(7)));
      scope.retain(before);
      scope.retain(pinned);
      scope.pin(pinned);
      scope.release(before);
      scope.release(pinned);
    }
    double[] next = BufferPool.take(length(7));
    assertFalse(next == before.data);
    assertFalse(next == pinned.data);
  }

  @Test
  void releasingWhatWasNotRetainedIsAnError() {
    try (BufferPool.Scope scope = BufferPool.openScope()) {
      Tensor t = Tensor.zeros(3);
      assertThrows(IllegalStateException.class, () -> scope.release(t));
    }
  }

  @Test
  void arraysTakenInAnInnerScopeBelongToIt() {
    try (BufferPool.Scope outer = BufferPool.openScope()) {
      Tensor inner;
      try (BufferPool.Scope nested = BufferPool.openScope()) {
        inner = new Tensor(Shape.of(length(8)), BufferPool.take(length(8)));
      }
      outer.retain(inner);
      outer.release(inner);
      assertFalse(inner.data == BufferPool.take(length(8)), "the outer scope does not own it");
    }
  }

  @Test
  void aDiscardedTemporaryOfTheScopeIsReused() {
    Tensor counted;
    Tensor temporary;
    try (BufferPool.Scope scope = BufferPool.openScope()) {
      temporary = new Tensor(Shape.of(length(9)), BufferPool.take(length(9)));
      counted = new Tensor(Shape.of(length(10)), BufferPool.take(length(10)));
      scope.retain(counted);
      BufferPool.discard(temporary);
      BufferPool.discard(counted);
      assertTrue(temporary.data == BufferPool.take(length(9)));
      assertFalse(counted.data == BufferPool.take(length(10)), "a counted tensor is still read");
    }
  }

  @Test
  void discardOutsideAScopeKeepsTheStorage() {
    Tensor made = new Tensor(Shape.of(length(11)), BufferPool.take(length(11)));
    BufferPool.discard(made);
    assertFalse(made.data == BufferPool.take(length(11)));
  }
}
