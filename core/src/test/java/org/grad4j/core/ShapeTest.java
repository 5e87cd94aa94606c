package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShapeTest {

  @Test
  void rankAndSize() {
    Shape s = Shape.of(2, 3, 4, 4);
    assertEquals(4, s.rank());
    assertEquals(96, s.size());
    assertEquals(1, Shape.of(5).rank());
    assertEquals(5, Shape.of(5).size());
    assertEquals(0, Shape.of(2, 0, 3).size());
  }

  @Test
  void scalarHasRankZeroAndOneElement() {
    assertEquals(0, Shape.scalar().rank());
    assertEquals(1, Shape.scalar().size());
    assertSame(Shape.scalar(), Shape.of());
    assertArrayEquals(new int[0], Shape.scalar().dims());
  }

  @Test
  void stridesAreRowMajor() {
    assertArrayEquals(new int[] {48, 16, 4, 1}, Shape.of(2, 3, 4, 4).strides());
    assertArrayEquals(new int[] {12, 4, 1}, Shape.of(2, 3, 4).strides());
    assertArrayEquals(new int[] {1}, Shape.of(5).strides());
    assertArrayEquals(new int[0], Shape.scalar().strides());
    assertArrayEquals(new int[] {1, 1, 1}, Shape.of(7, 1, 1).strides());
  }

  @Test
  void dimAcceptsNegativeAxes() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(2, s.dim(0));
    assertEquals(3, s.dim(1));
    assertEquals(4, s.dim(2));
    assertEquals(4, s.dim(-1));
    assertEquals(3, s.dim(-2));
    assertEquals(2, s.dim(-3));
  }

  @Test
  void dimRejectsAxesOutOfRange() {
    Shape s = Shape.of(2, 3, 4);
    assertIllegalArgument(() -> s.dim(3), "Shape.dim", "axis 3", "(2,3,4)", "rank 3");
    assertIllegalArgument(() -> s.dim(-4), "Shape.dim", "axis -4", "(2,3,4)");
    assertIllegalArgument(() -> Shape.scalar().dim(0), "Shape.dim", "()", "rank 0");
  }

  @Test
  void normalizeAxisNamesTheCallingOp() {
    Shape s = Shape.of(2, 3);
    assertEquals(0, s.normalizeAxis(-2, "myop"));
    assertEquals(1, s.normalizeAxis(-1, "myop"));
    assertEquals(1, s.normalizeAxis(1, "myop"));
    assertIllegalArgument(() -> s.normalizeAxis(2, "myop"), "myop: axis 2", "(2,3)");
  }

  @Test
  void ofCopiesItsArgumentAndDimsReturnsACopy() {
    int[] dims = {2, 3};
    Shape s = Shape.of(dims);
    dims[0] = 99;
    assertEquals(2, s.dim(0));
    s.dims()[1] = 99;
    assertEquals(3, s.dim(1));
    s.strides()[0] = 99;
    assertArrayEquals(new int[] {3, 1}, s.strides());
  }

  @Test
  void unravelInvertsRowMajorFlattening() {
    Shape s = Shape.of(2, 3, 4);
    int[] strides = s.strides();
    for (int flat = 0; flat < s.size(); flat++) {
      int[] index = s.unravel(flat);
      int back = 0;
      for (int axis = 0; axis < index.length; axis++) {
        assertTrue(index[axis] >= 0 && index[axis] < s.dim(axis));
        back += index[axis] * strides[axis];
      }
      assertEquals(flat, back);
    }
    assertArrayEquals(new int[] {1, 2, 3}, s.unravel(23));
    assertArrayEquals(new int[] {1, 0, 1}, s.unravel(13));
    assertArrayEquals(new int[0], Shape.scalar().unravel(0));
    assertIllegalArgument(() -> s.unravel(24), "Shape.unravel: 24 is out of range for (2,3,4)");
    assertIllegalArgument(() -> s.unravel(-1), "Shape.unravel", "-1");
  }

  @Test
  void rejectsNegativeDimensions() {
    assertIllegalArgument(() -> Shape.of(2, -1), "Shape", "negative dimension", "[2, -1]");
  }

  @Test
  void withDimReplacesOneDimension() {
    Shape s = Shape.of(2, 3, 4);
    assertEquals(Shape.of(2, 1, 4), s.withDim(1, 1));
    assertEquals(Shape.of(2, 3, 7), s.withDim(-1, 7));
    assertEquals(Shape.of(2, 3, 4), s, "withDim must not modify the shape");
    assertIllegalArgument(() -> s.withDim(3, 1), "Shape.withDim", "(2,3,4)");
  }

  @Test
  void equalsAndHashCodeFollowTheDimensions() {
    assertEquals(Shape.of(2, 3), Shape.of(2, 3));
    assertEquals(Shape.of(2, 3).hashCode(), Shape.of(2, 3).hashCode());
    assertNotEquals(Shape.of(2, 3), Shape.of(3, 2));
    assertNotEquals(Shape.of(6), Shape.of(6, 1));
    assertNotEquals(Shape.of(1), Shape.scalar());
    assertNotEquals(Shape.of(2, 3), "(2,3)");
  }

  @Test
  void toStringIsNumpyLike() {
    assertEquals("(2,3,4,4)", Shape.of(2, 3, 4, 4).toString());
    assertEquals("(5,)", Shape.of(5).toString());
    assertEquals("()", Shape.scalar().toString());
    assertEquals("(0,3)", Shape.of(0, 3).toString());
  }

  static Stream<Arguments> broadcastCases() {
    return Stream.of(
        Arguments.of(Shape.of(2, 3), Shape.of(2, 3), Shape.of(2, 3)),
        Arguments.of(Shape.of(3, 1), Shape.of(1, 4), Shape.of(3, 4)),
        Arguments.of(Shape.of(2, 3, 4), Shape.of(4), Shape.of(2, 3, 4)),
        Arguments.of(Shape.of(2, 3, 4), Shape.of(3, 1), Shape.of(2, 3, 4)),
        Arguments.of(Shape.of(5, 1, 3), Shape.of(4, 1), Shape.of(5, 4, 3)),
        Arguments.of(Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5), Shape.of(8, 7, 6, 5)),
        Arguments.of(Shape.scalar(), Shape.of(2, 3), Shape.of(2, 3)),
        Arguments.of(Shape.scalar(), Shape.scalar(), Shape.scalar()),
        Arguments.of(Shape.of(1), Shape.scalar(), Shape.of(1)),
        Arguments.of(Shape.of(1, 1), Shape.of(3), Shape.of(1, 3)),
        Arguments.of(Shape.of(0), Shape.of(1), Shape.of(0)),
        Arguments.of(Shape.of(2, 1), Shape.of(2, 0), Shape.of(2, 0)));
  }

  @ParameterizedTest
  @MethodSource("broadcastCases")
  void broadcastFollowsNumpy(Shape a, Shape b, Shape expected) {
    assertEquals(expected, Shape.broadcast(a, b, "add"));
    assertEquals(expected, Shape.broadcast(b, a, "add"), "broadcast must be symmetric");
    assertTrue(a.broadcastsTo(expected));
    assertTrue(b.broadcastsTo(expected));
  }

  @Test
  void broadcastRejectsIncompatibleShapesNamingOpAndShapes() {
    assertIllegalArgument(
        () -> Shape.broadcast(Shape.of(2, 3), Shape.of(3, 2), "mul"),
        "mul: shapes (2,3) and (3,2) cannot be broadcast together",
        "dimension 2 vs 3");
    assertIllegalArgument(
        () -> Shape.broadcast(Shape.of(3), Shape.of(4), "add"), "add", "(3,)", "(4,)");
    assertIllegalArgument(
        () -> Shape.broadcast(Shape.of(2, 1), Shape.of(8, 4, 3), "sub"), "sub", "(2,1)", "(8,4,3)");
    assertIllegalArgument(
        () -> Shape.broadcast(Shape.of(0), Shape.of(2), "div"), "div", "(0,)", "(2,)");
  }

  @Test
  void broadcastsTo() {
    Shape target = Shape.of(2, 3, 4);
    assertTrue(Shape.of(2, 3, 4).broadcastsTo(target));
    assertTrue(Shape.of(3, 1).broadcastsTo(target));
    assertTrue(Shape.of(4).broadcastsTo(target));
    assertTrue(Shape.of(1, 1, 1).broadcastsTo(target));
    assertTrue(Shape.scalar().broadcastsTo(target));
    assertTrue(Shape.of(1).broadcastsTo(Shape.of(0)));
    assertTrue(Shape.of(0).broadcastsTo(Shape.of(3, 0)));

    assertFalse(Shape.of(3).broadcastsTo(target), "(3,) aligns with the last axis, 4");
    assertFalse(Shape.of(2, 3).broadcastsTo(target));
    assertFalse(Shape.of(1, 2, 3, 4).broadcastsTo(target), "higher rank never fits");
    assertFalse(Shape.of(2, 3, 4).broadcastsTo(Shape.of(3, 4)));
    assertFalse(Shape.of(2, 3, 4).broadcastsTo(Shape.of(2, 1, 4)), "4 cannot shrink to 1");
    assertFalse(Shape.of(2).broadcastsTo(Shape.of(0)));
    assertFalse(Shape.of(1).broadcastsTo(Shape.scalar()));
  }
}
