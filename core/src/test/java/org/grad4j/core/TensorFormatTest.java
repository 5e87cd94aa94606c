package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TensorFormatTest {

  @Test
  void matrixOfIntegralValues() {
    assertEquals("[[0., 1.],\n [2., 3.]]", Tensor.arange(4).reshape(2, 2).toString());
  }

  @Test
  void vectorAndScalar() {
    assertEquals("[0., 1., 2.]", Tensor.arange(3).toString());
    assertEquals("5.", Tensor.scalar(5).toString());
    assertEquals("-2.", Tensor.scalar(-2).toString());
    assertEquals("[7.]", Tensor.full(7, 1).toString());
    assertEquals("[]", Tensor.zeros(0).toString());
  }

  @Test
  void columnsAreRightAligned() {
    assertEquals("[   1.,   10., -100.]", Tensor.of(new double[] {1, 10, -100}, 3).toString());
    assertEquals("[-1.,  2.]", Tensor.of(new double[] {-1, 2}, 2).toString());
    assertEquals(
        "[[ 0.,  1.,  2.],\n [ 3.,  4., 10.]]",
        Tensor.of(new double[] {0, 1, 2, 3, 4, 10}, 2, 3).toString());
  }

  @Test
  void rankThreeHasABlankLineBetweenBlocks() {
    assertEquals(
        "[[[0., 1.],\n  [2., 3.]],\n\n [[4., 5.],\n  [6., 7.]]]",
        Tensor.arange(8).reshape(2, 2, 2).toString());
  }

  @Test
  void rankFourHasTwoBlankLinesBetweenTopBlocks() {
    assertEquals(
        "[[[[ 0.,  1.],\n   [ 2.,  3.]],\n\n  [[ 4.,  5.],\n   [ 6.,  7.]]],\n\n\n"
            + " [[[ 8.,  9.],\n   [10., 11.]],\n\n  [[12., 13.],\n   [14., 15.]]]]",
        Tensor.arange(16).reshape(2, 2, 2, 2).toString());
  }

  @Test
  void nonIntegralValuesKeepEightSignificantDigits() {
    double[] values = {0.5, -1.25, Math.PI, 1e-7};
    String text = Tensor.of(values, 4).toString();
    assertTrue(text.startsWith("[") && text.endsWith("]"), text);
    String[] cells = text.substring(1, text.length() - 1).split(",");
    assertEquals(values.length, cells.length, text);
    for (int i = 0; i < values.length; i++) {
      double parsed = Double.parseDouble(cells[i].trim());
      assertEquals(values[i], parsed, Math.abs(values[i]) * 1e-7, "cell " + i + " of " + text);
    }
  }

  @Test
  void formattingDoesNotDependOnTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      String text = Tensor.of(new double[] {0.5, 1.25}, 2).toString();
      assertFalse(text.contains("0,5"), "decimal comma in " + text);
      Locale.setDefault(Locale.ROOT);
      assertEquals(text, Tensor.of(new double[] {0.5, 1.25}, 2).toString());
    } finally {
      Locale.setDefault(saved);
    }
  }
}
