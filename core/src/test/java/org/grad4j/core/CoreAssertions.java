package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** Assertions and reference computations shared by the tests of all modules (core's test jar). */
public final class CoreAssertions {
  private CoreAssertions() {}

  /**
   * Asserts that {@code call} throws an {@link IllegalArgumentException} whose message contains
   * every one of {@code fragments}, and returns it.
   */
  public static IllegalArgumentException assertIllegalArgument(
      Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    String message = e.getMessage();
    for (String fragment : fragments) {
      assertTrue(
          message != null && message.contains(fragment),
          () -> "message \"" + message + "\" should contain \"" + fragment + "\"");
    }
    return e;
  }

  /**
   * Asserts that {@code call} throws an {@link IllegalArgumentException}, and no other exception,
   * whose message contains {@code op}; {@code what} describes the case for the failure message.
   */
  public static void assertRejected(String op, Object what, Executable call) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, call, () -> op + " should reject " + what);
    String message = e.getMessage();
    assertTrue(
        message != null && message.contains(op),
        () -> "message \"" + message + "\" should name " + op + " (" + what + ")");
  }

  /** The Euclidean inner product of two arrays of the same length. */
  public static double dot(double[] a, double[] b) {
    assertEquals(a.length, b.length, "dot: lengths differ");
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /**
   * {@code op(a) · op(b)} by a plain triple loop, the reference for matrix products: {@code a}
   * holds an m × k matrix row-major (k × m if {@code transA}), {@code b} a k × n one (n × k if
   * {@code transB}); the m × n result is row-major.
   */
  public static double[] naiveProduct(
      double[] a, boolean transA, double[] b, boolean transB, int m, int k, int n) {
    double[] c = new double[m * n];
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[transA ? p * m + i : i * k + p] * b[transB ? j * k + p : p * n + j];
        }
        c[i * n + j] = s;
      }
    }
    return c;
  }

  /**
   * The sum of {@code |a[i] * b[i]|}: a bound on the magnitude of the terms of {@code dot(a, b)},
   * and so the scale of its rounding error.
   */
  public static double absDot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] * b[i]);
    }
    return s;
  }

  /**
   * Asserts {@code |actual - expected| <= rtol * scale}, where scale is at least 1 and at least
   * {@code |expected|}; {@code what} describes the case for the failure message.
   */
  public static void assertRelativelyClose(
      double expected, double actual, double rtol, double scale, Object what) {
    double bound = rtol * Math.max(1.0, Math.max(scale, Math.abs(expected)));
    assertTrue(
        Math.abs(expected - actual) <= bound,
        () ->
            what + ": expected " + expected + " but got " + actual + " (tolerance " + bound + ")");
  }

  /**
   * Leaves arrays of {@code length} full of NaN in this thread's buffer pool, so that a kernel that
   * takes one and fails to overwrite an element it reads shows NaN.
   */
  public static void poisonPool(int length) {
    double[] first = BufferPool.take(length);
    double[] second = BufferPool.take(length);
    java.util.Arrays.fill(first, Double.NaN);
    java.util.Arrays.fill(second, Double.NaN);
    BufferPool.give(first);
    BufferPool.give(second);
  }
}
