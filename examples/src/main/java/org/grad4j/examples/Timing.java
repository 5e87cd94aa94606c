package org.grad4j.examples;

import java.util.Arrays;

/** Medians of repeated timings, after warm-up runs. */
final class Timing {
  private Timing() {}

  /** The median of {@code values}. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
