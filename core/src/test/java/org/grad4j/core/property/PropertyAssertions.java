package org.grad4j.core.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions shared by the core properties. */
final class PropertyAssertions {
  private PropertyAssertions() {}

  /**
   * Asserts that {@code call} throws an {@link IllegalArgumentException}, and no other exception,
   * whose message contains {@code op}; {@code what} describes the case for the failure message.
   */
  static void assertRejected(Executable call, String op, Object what) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, call, () -> op + " should reject " + what);
    String message = e.getMessage();
    assertTrue(
        message != null && message.contains(op),
        () -> "message \"" + message + "\" should name " + op + " (" + what + ")");
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

  /**
   * The sum of {@code |a[i] * b[i]|}: a bound on the magnitude of the terms of {@code dot(a, b)},
   * and so the scale of its rounding error.
   */
  static double absDot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] * b[i]);
    }
    return s;
  }

  /** Asserts {@code |expected - actual| <= rtol * max(1, scale)}. */
  static void assertRelativelyClose(
      double expected, double actual, double rtol, double scale, Object what) {
    double bound = rtol * Math.max(1.0, scale);
    assertTrue(
        Math.abs(expected - actual) <= bound,
        () -> what + ": expected " + expected + " but got " + actual + " (within " + bound + ")");
  }
}
