package org.grad4j.autograd;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import org.grad4j.core.Tensor;

/** Element-wise tensor comparison for tests, reporting the worst element on failure. */
public final class TensorAssert {
  /** Relative tolerance for float64 comparisons with reference numbers. */
  public static final double RTOL = 1e-9;

  /** Absolute tolerance for float64 comparisons with reference numbers. */
  public static final double ATOL = 1e-10;

  private TensorAssert() {}

  /** {@link #assertClose(String, String, Tensor, Tensor, double, double)} at RTOL and ATOL. */
  public static void assertClose(String caseName, String key, Tensor expected, Tensor actual) {
    assertClose(caseName, key, expected, actual, RTOL, ATOL);
  }

  /**
   * Asserts that {@code actual} has {@code expected}'s shape and that every element satisfies
   * {@code |actual - expected| <= atol + rtol * |expected|} (NumPy's {@code allclose}). On failure
   * the message names the case, the tensor key, the worst index, the expected and actual values.
   */
  public static void assertClose(
      String caseName, String key, Tensor expected, Tensor actual, double rtol, double atol) {
    String where = "case " + caseName + ", tensor " + key;
    if (actual == null) {
      fail(where + ": expected shape " + expected.shape() + " but got null");
    }
    if (!actual.shape().equals(expected.shape())) {
      fail(where + ": expected shape " + expected.shape() + " but got " + actual.shape());
    }
    double[] e = expected.toArray();
    double[] a = actual.toArray();
    int worst = -1;
    double worstExcess = 1;
    int failing = 0;
    for (int i = 0; i < e.length; i++) {
      double allowed = atol + rtol * Math.abs(e[i]);
      double excess = Math.abs(a[i] - e[i]) / allowed;
      if (!(excess <= 1)) { // also catches NaN
        failing++;
        if (worst < 0 || !(excess <= worstExcess)) {
          worst = i;
          worstExcess = excess;
        }
      }
    }
    if (worst >= 0) {
      fail(
          String.format(
              "%s: %d of %d elements differ beyond rtol %s, atol %s; worst at index %s:"
                  + " expected %s but was %s (difference %s)",
              where,
              failing,
              e.length,
              rtol,
              atol,
              Arrays.toString(expected.shape().unravel(worst)),
              e[worst],
              a[worst],
              a[worst] - e[worst]));
    }
  }
}
