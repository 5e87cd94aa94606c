package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the core tests. */
final class CoreAssertions {
  private CoreAssertions() {}

  /**
   * Asserts that {@code call} throws an {@link IllegalArgumentException} whose message contains
   * every one of {@code fragments}, and returns it.
   */
  static IllegalArgumentException assertIllegalArgument(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    String message = e.getMessage();
    for (String fragment : fragments) {
      assertTrue(
          message != null && message.contains(fragment),
          () -> "message \"" + message + "\" should contain \"" + fragment + "\"");
    }
    return e;
  }

  /** The Euclidean inner product of two arrays of the same length. */
  static double dot(double[] a, double[] b) {
    assertEquals(a.length, b.length, "dot: lengths differ");
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Asserts {@code |actual - expected| <= rtol * scale}, where scale is at least 1. */
  static void assertRelativelyClose(double expected, double actual, double rtol, double scale) {
    double bound = rtol * Math.max(1.0, Math.max(scale, Math.abs(expected)));
    assertTrue(
        Math.abs(expected - actual) <= bound,
        () -> "expected " + expected + " but got " + actual + " (tolerance " + bound + ")");
  }
}
