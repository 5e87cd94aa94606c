package org.grad4j.examples;

import java.util.List;
import java.util.concurrent.Callable;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.KernelTimer;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.examples.Timing.KernelNanos;
import org.grad4j.examples.Timing.KernelShares;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times conv2d forward and backward on the peer shapes: median milliseconds, GFLOP/s, and the share
 * of time in matrix products, im2col/col2im and everything else.
 */
@Command(
    name = "conv",
    mixinStandardHelpOptions = true,
    description = "Time conv2d forward and backward on the peer shapes S0-S5.")
final class BenchConv implements Callable<Integer> {
  @Mixin ComputeOptions compute;

  @Spec CommandSpec spec;

  @Option(
      names = "--shapes",
      split = ",",
      defaultValue = "S0,S1,S2,S3,S4,S5",
      description = "Shapes to run (default: ${DEFAULT-VALUE}).")
  List<String> shapes;

  @Mixin RunsOption runs;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      description =
          "Warm-up rounds, each running every shape --runs times in the order they are timed"
              + " (default: ${DEFAULT-VALUE}): with a few runs of each shape in turn, the JIT was"
              + " still compiling the kernels while the first shape was timed.")
  int warmup;

  @Mixin MachineOption machine;

  @Override
  public Integer call() {
    Timing.checkCounts(spec, "--runs", runs.count, warmup);
    List<Workload> workloads = shapes.stream().map(ConvShape::named).map(Workload::new).toList();
    // The whole timed sequence, run --warmup times first (as bench gemm does).
    List<List<Run>> timed =
        Timing.measure(
                warmup,
                1,
                () ->
                    workloads.stream()
                        .map(workload -> Timing.measure(0, runs.count, workload::run))
                        .toList())
            .get(0);
    if (!machine.enabled) {
      System.out.println("conv2d forward and backward, float64; " + ComputeOptions.describe());
      System.out.printf(
          "%-4s %-26s %9s %9s %9s %9s %7s %7s %7s%n",
          "",
          "(B,Cin,H,W,Cout,k,s,p)",
          "fwd ms",
          "bwd ms",
          "fwd GF/s",
          "bwd GF/s",
          "matmul",
          "im2col",
          "rest");
    }
    for (int i = 0; i < workloads.size(); i++) {
      report(workloads.get(i).shape, timed.get(i));
    }
    return 0;
  }

  private void report(ConvShape s, List<Run> timed) {
    double fwd = Timing.median(timed, Run::forwardMs);
    double bwd = Timing.median(timed, Run::backwardMs);
    KernelShares shares = KernelShares.of(timed);
    if (machine.enabled) {
      MachineOption.print(s.name() + ".fwd_ms", "%.6g", fwd, "ms");
      MachineOption.print(s.name() + ".bwd_ms", "%.6g", bwd, "ms");
      MachineOption.print(s.name() + ".matmul_share", "%.4f", shares.matmul(), "fraction");
      MachineOption.print(s.name() + ".im2col_share", "%.4f", shares.columns(), "fraction");
      return;
    }
    System.out.printf(
        "%-4s %-26s %9.3f %9.3f %9.2f %9.2f %6.1f%% %6.1f%% %6.1f%%%n",
        s.name(),
        String.format(
            "(%d,%d,%d,%d,%d,%d,%d,%d)",
            s.batch(), s.cin(), s.h(), s.w(), s.cout(), s.k(), s.stride(), s.pad()),
        fwd,
        bwd,
        s.forwardFlops() / fwd / 1e6,
        2 * s.forwardFlops() / bwd / 1e6,
        100 * shares.matmul(),
        100 * shares.columns(),
        100 * shares.rest());
  }

  /** One shape's input, weight and bias, and its output gradient. */
  private static final class Workload {
    final ConvShape shape;
    private final Variable x;
    private final Variable w;
    private final Variable b;

    /** The output gradient, made once, outside the timed region, as the peer scripts do. */
    private final Tensor seed;

    Workload(ConvShape s) {
      shape = s;
      Rng rng = new Rng(0);
      x = new Variable(Tensor.randn(rng, s.batch(), s.cin(), s.h(), s.w()), true);
      w = new Variable(Tensor.randn(rng, s.cout(), s.cin(), s.k(), s.k()), true);
      b = new Variable(Tensor.randn(rng, s.cout()), true);
      seed =
          Tensor.ones(
              s.batch(),
              s.cout(),
              s.geometry().outputHeight(s.h()),
              s.geometry().outputWidth(s.w()));
    }

    /** One forward and backward pass, timed. */
    Run run() {
      KernelTimer.reset();
      long t0 = System.nanoTime();
      Variable y = F.conv2d(x, w, b, shape.geometry());
      long t1 = System.nanoTime();
      y.backward(seed);
      long t2 = System.nanoTime();
      x.zeroGrad();
      w.zeroGrad();
      b.zeroGrad();
      return new Run((t1 - t0) / 1e6, (t2 - t1) / 1e6, KernelNanos.read());
    }
  }

  /** One timed run of a shape: forward and backward milliseconds, and the kernel times. */
  private record Run(double forwardMs, double backwardMs, KernelNanos kernels)
      implements Timing.KernelRun {
    @Override
    public double millis() {
      return forwardMs + backwardMs;
    }
  }
}
