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
      defaultValue = "10",
      description =
          "Warm-up runs (default: ${DEFAULT-VALUE}; with fewer, the JIT may still be compiling the"
              + " kernels while the first shape is timed).")
  int warmup;

  @Mixin MachineOption machine;

  @Override
  public Integer call() {
    Timing.checkCounts(spec, "--runs", runs.count, warmup);
    List<ConvShape> selected = shapes.stream().map(ConvShape::named).toList();
    if (machine.enabled) {
      selected.forEach(this::report);
      return 0;
    }
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
    selected.forEach(this::report);
    return 0;
  }

  private void report(ConvShape s) {
    Rng rng = new Rng(0);
    Variable x = new Variable(Tensor.randn(rng, s.batch(), s.cin(), s.h(), s.w()), true);
    Variable w = new Variable(Tensor.randn(rng, s.cout(), s.cin(), s.k(), s.k()), true);
    Variable b = new Variable(Tensor.randn(rng, s.cout()), true);
    // The output gradient is made once, outside the timed region, as the peer scripts do.
    Tensor seed =
        Tensor.ones(
            s.batch(), s.cout(), s.geometry().outputHeight(s.h()), s.geometry().outputWidth(s.w()));
    List<Run> timed =
        Timing.measure(
            warmup,
            runs.count,
            () -> {
              KernelTimer.reset();
              long t0 = System.nanoTime();
              Variable y = F.conv2d(x, w, b, s.geometry());
              long t1 = System.nanoTime();
              y.backward(seed);
              long t2 = System.nanoTime();
              x.zeroGrad();
              w.zeroGrad();
              b.zeroGrad();
              return new Run((t1 - t0) / 1e6, (t2 - t1) / 1e6, KernelNanos.read());
            });
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

  /** One timed run of a shape: forward and backward milliseconds, and the kernel times. */
  private record Run(double forwardMs, double backwardMs, KernelNanos kernels)
      implements Timing.KernelRun {
    @Override
    public double millis() {
      return forwardMs + backwardMs;
    }
  }
}
