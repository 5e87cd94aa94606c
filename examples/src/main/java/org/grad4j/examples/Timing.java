package org.grad4j.examples;

import java.util.Arrays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Medians of repeated timings, after warm-up runs. */
final class Timing {
  private Timing() {}

  /** Checks a benchmark's counts: at least one timed run, no negative number of warm-up runs. */
  static void checkCounts(CommandSpec spec, String countOption, int count, int warmup) {
    if (count < 1) {
      throw new ParameterException(
          spec.commandLine(), countOption + " " + count + ": expected at least 1");
    }
    if (warmup < 0) {
      throw new ParameterException(
          spec.commandLine(), "--warmup " + warmup + ": expected 0 or more");
    }
  }

  /** The median of {@code values}. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
