package org.grad4j.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.grad4j.core.KernelTimer;
import org.grad4j.core.KernelTimer.Kernel;
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

  /**
   * Calls {@code run} {@code warmup} times, then {@code count} times more, and returns what those
   * last {@code count} calls measured, in order.
   */
  static <T> List<T> measure(int warmup, int count, Supplier<T> run) {
    for (int i = 0; i < warmup; i++) {
      run.get();
    }
    List<T> samples = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      samples.add(run.get());
    }
    return samples;
  }

  /** The median of {@code value} over {@code samples}. */
  static <T> double median(List<T> samples, ToDoubleFunction<T> value) {
    double[] sorted = samples.stream().mapToDouble(value).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** A timed run that read the {@link KernelTimer} counters, reset before it. */
  interface KernelRun {
    double millis();

    KernelNanos kernels();
  }

  /** The nanoseconds a run spent in matrix products and in im2col/col2im. */
  record KernelNanos(long matmul, long columns) {
    /** The counters' readings since their last reset. */
    static KernelNanos read() {
      return new KernelNanos(
          KernelTimer.nanos(Kernel.MATMUL),
          KernelTimer.nanos(Kernel.IM2COL) + KernelTimer.nanos(Kernel.COL2IM));
    }
  }

  /** The fractions of a benchmark's time spent in matrix products and in im2col/col2im. */
  record KernelShares(double matmul, double columns) {
    /** The shares over all of {@code runs}. */
    static KernelShares of(List<? extends KernelRun> runs) {
      double millis = runs.stream().mapToDouble(KernelRun::millis).sum();
      long matmul = runs.stream().mapToLong(r -> r.kernels().matmul()).sum();
      long columns = runs.stream().mapToLong(r -> r.kernels().columns()).sum();
      return new KernelShares(matmul / 1e6 / millis, columns / 1e6 / millis);
    }

    double rest() {
      return 1 - matmul - columns;
    }
  }
}
