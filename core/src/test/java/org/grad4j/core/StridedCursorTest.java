package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StridedCursorTest {

  private static int[] walk(StridedCursor cursor, int operand, int steps) {
    int[] out = new int[steps];
    for (int i = 0; i < steps; i++) {
      out[i] = cursor.offset(operand);
      cursor.next();
    }
    return out;
  }

  @Test
  void ownStridesVisitEveryOffsetInOrder() {
    Shape s = Shape.of(2, 3, 4);
    StridedCursor cursor = new StridedCursor(s.dims(), s.strides());
    int[] expected = new int[24];
    for (int i = 0; i < 24; i++) {
      expected[i] = i;
    }
    assertArrayEquals(expected, walk(cursor, 0, 24));
  }

  @Test
  void swappedStridesWalkTheTranspose() {
    // A (2,3) matrix read as its (3,2) transpose: strides (1, 3).
    StridedCursor cursor = new StridedCursor(new int[] {3, 2}, new int[] {1, 3});
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, walk(cursor, 0, 6));
  }

  @Test
  void wrapsAroundAfterTheLastElement() {
    StridedCursor cursor = new StridedCursor(new int[] {2, 2}, new int[] {2, 1});
    assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1}, walk(cursor, 0, 6));
  }

  @Test
  void severalOperandsAdvanceTogether() {
    Shape out = Shape.of(3, 4);
    StridedCursor cursor =
        new StridedCursor(
            out.dims(),
            StridedCursor.broadcastStrides(Shape.of(3, 1), out),
            StridedCursor.broadcastStrides(Shape.of(4), out));
    int[] a = new int[12];
    int[] b = new int[12];
    for (int i = 0; i < 12; i++) {
      a[i] = cursor.offset(0);
      b[i] = cursor.offset(1);
      cursor.next();
    }
    assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, a);
    assertArrayEquals(new int[] {0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3}, b);
  }

  @Test
  void broadcastStridesAreZeroOnRepeatedAxes() {
    Shape to = Shape.of(2, 3, 4);
    assertArrayEquals(new int[] {0, 1, 0}, StridedCursor.broadcastStrides(Shape.of(3, 1), to));
    assertArrayEquals(new int[] {0, 0, 1}, StridedCursor.broadcastStrides(Shape.of(4), to));
    assertArrayEquals(new int[] {0, 0, 0}, StridedCursor.broadcastStrides(Shape.scalar(), to));
    assertArrayEquals(new int[] {12, 4, 1}, StridedCursor.broadcastStrides(to, to));
    assertArrayEquals(new int[] {4, 0, 1}, StridedCursor.broadcastStrides(Shape.of(2, 1, 4), to));
  }

  @Test
  void aCursorPlacedAtAnIndexContinuesAsOneWalkedThere() {
    int[] dims = {3, 4, 5};
    int[] strides = {1, 3, 12};
    for (int index = 0; index < 60; index += 7) {
      StridedCursor walked = new StridedCursor(dims, strides);
      walk(walked, 0, index);
      StridedCursor placed = new StridedCursor(dims, strides).at(index);
      assertArrayEquals(walk(walked, 0, 10), walk(placed, 0, 10), "index " + index);
    }
  }

  @Test
  void aRowCursorPlacedAtARowStartsThere() {
    StridedCursor rows = StridedCursor.overRows(new int[] {2, 3, 4}, new int[] {12, 1, 3});
    StridedCursor fourth = rows.at(4);
    // Rows (1,1) and (1,2) of the outer space (2,3), whose strides are (12,1).
    assertArrayEquals(new int[] {13, 14}, walk(fourth, 0, 2));
    assertEquals(4, fourth.rowLength());
    assertEquals(3, fourth.rowStride(0));
  }
}
