package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvGeometryTest {

  @ParameterizedTest(name = "in={0} k={1} s={2} p={3} d={4} -> {5}")
  @CsvSource({
    // in, kernel, stride, pad, dilation, expected
    "4, 3, 1, 0, 1, 2", // the seed: 4x4 input, 3x3 kernel
    "28, 5, 1, 2, 1, 28", // 'same' padding
    "5, 3, 2, 1, 1, 3",
    "6, 3, 2, 0, 1, 2", // (6-3)/2 = 1.5: the last pixel is left over
    "7, 3, 3, 0, 1, 2", // (7-3)/3 = 1.33: one pixel left over
    "8, 2, 3, 0, 1, 3", // windows at 0, 3, 6; nothing left over
    "32, 3, 2, 1, 1, 16",
    "7, 3, 1, 0, 2, 3", // dilated span 5
    "10, 3, 1, 0, 3, 4", // dilated span 7
    "5, 3, 1, 2, 2, 5", // dilated span 5 with padding 2
    "1, 3, 1, 1, 1, 1",
    "1, 1, 1, 0, 1, 1",
    "5, 1, 2, 0, 1, 3",
    "3, 5, 1, 1, 1, 1", // kernel exactly fills the padded input
  })
  void outputSizeFormula(int in, int k, int s, int p, int d, int expected) {
    ConvGeometry g = ConvGeometry.of(k, s, p).withDilation(d, d);
    assertEquals(expected, g.outputHeight(in));
    assertEquals(expected, g.outputWidth(in));
  }

  /** Counts window positions directly: starts o*s whose dilated span fits the padded input. */
  private static int countWindows(int in, int k, int s, int p, int d) {
    int count = 0;
    for (int start = 0; start + d * (k - 1) < in + 2 * p; start += s) {
      count++;
    }
    return count;
  }

  @Test
  void outputSizeMatchesDirectWindowCount() {
    int checked = 0;
    for (int in = 1; in <= 12; in++) {
      for (int k = 1; k <= 5; k++) {
        for (int s = 1; s <= 4; s++) {
          for (int p = 0; p <= 2; p++) {
            for (int d = 1; d <= 3; d++) {
              if (d * (k - 1) + 1 > in + 2 * p) {
                continue;
              }
              ConvGeometry g = ConvGeometry.of(k, s, p).withDilation(d, d);
              int expected = countWindows(in, k, s, p, d);
              String where = "in=" + in + " " + g;
              assertEquals(expected, g.outputHeight(in), where);
              assertEquals(expected, g.outputWidth(in), where);
              checked++;
            }
          }
        }
      }
    }
    assertTrue(checked > 500, "the grid should cover many geometries");
  }

  @Test
  void heightAndWidthUseTheirOwnParameters() {
    ConvGeometry g = new ConvGeometry(3, 1, 2, 1, 1, 0, 1, 2);
    assertEquals(3, g.outputHeight(5)); // (5 + 2 - 3) / 2 + 1
    assertEquals(7, g.outputWidth(7)); // kernel width 1: dilation has no effect
    ConvGeometry h = new ConvGeometry(2, 3, 1, 2, 0, 1, 2, 1);
    assertEquals(3, h.outputHeight(5)); // span 3: (5 - 3) / 1 + 1
    assertEquals(4, h.outputWidth(7)); // (7 + 2 - 3) / 2 + 1
  }

  @Test
  void factoriesAndWithers() {
    ConvGeometry g = ConvGeometry.of(3, 2, 1);
    assertEquals(new ConvGeometry(3, 3, 2, 2, 1, 1, 1, 1), g);
    assertEquals(new ConvGeometry(2, 5, 1, 1, 0, 0, 1, 1), ConvGeometry.kernel(2, 5));
    assertEquals(new ConvGeometry(3, 3, 1, 3, 1, 1, 1, 1), g.withStride(1, 3));
    assertEquals(new ConvGeometry(3, 3, 2, 2, 0, 2, 1, 1), g.withPadding(0, 2));
    assertEquals(new ConvGeometry(3, 3, 2, 2, 1, 1, 2, 3), g.withDilation(2, 3));
    assertEquals(ConvGeometry.of(3, 2, 1), g, "withers must not change the original");
    assertNotEquals(g, g.withStride(2, 1));
    assertEquals(g.hashCode(), ConvGeometry.of(3, 2, 1).hashCode());
    assertEquals(6, ConvGeometry.kernel(2, 3).kernelArea());
    assertEquals(
        "kernel 2x3, stride 1x2, padding 0x1, dilation 2x1",
        new ConvGeometry(2, 3, 1, 2, 0, 1, 2, 1).toString());
  }

  @Test
  void rejectsImpossibleParameters() {
    assertIllegalArgument(
        () -> ConvGeometry.of(3, 0, 0), "ConvGeometry: stride 0x0 must be at least 1x1");
    assertIllegalArgument(() -> ConvGeometry.of(3, 1, 0).withStride(1, 0), "stride 1x0");
    assertIllegalArgument(
        () -> ConvGeometry.kernel(0, 3), "ConvGeometry: kernel 0x3 must be at least 1x1");
    assertIllegalArgument(() -> ConvGeometry.of(0, 1, 0), "ConvGeometry", "kernel 0x0");
    assertIllegalArgument(
        () -> ConvGeometry.of(3, 1, -1), "ConvGeometry: padding -1x-1 must not be negative");
    assertIllegalArgument(() -> ConvGeometry.of(3, 1, 0).withPadding(0, -2), "padding 0x-2");
    assertIllegalArgument(
        () -> ConvGeometry.of(3, 1, 0).withDilation(1, 0),
        "ConvGeometry: dilation 1x0 must be at least 1x1");
    assertIllegalArgument(() -> ConvGeometry.of(3, 1, 0).withDilation(-1, 1), "dilation -1x1");
  }

  @Test
  void rejectsKernelLargerThanPaddedInput() {
    assertIllegalArgument(
        () -> ConvGeometry.of(5, 1, 0).outputHeight(3),
        "ConvGeometry: kernel height of 5 (dilation 1) exceeds the padded input height of 3 + 2*0");
    assertIllegalArgument(
        () -> ConvGeometry.of(5, 1, 1).outputWidth(2), "kernel width of 5", "width of 2 + 2*1");
    assertIllegalArgument(
        () -> ConvGeometry.kernel(3, 3).withDilation(2, 2).outputHeight(4),
        "kernel height of 5 (dilation 2)",
        "height of 4 + 2*0");
    assertIllegalArgument(
        () -> ConvGeometry.kernel(1, 4).outputWidth(3), "width", "of 4", "of 3 + 2*0");
    assertIllegalArgument(() -> ConvGeometry.kernel(1, 1).outputHeight(0), "ConvGeometry", "0");
  }
}
