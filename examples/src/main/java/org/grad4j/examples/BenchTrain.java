package org.grad4j.examples;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.Callable;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.KernelTimer;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.examples.Timing.KernelNanos;
import org.grad4j.examples.Timing.KernelShares;
import org.grad4j.layers.Module;
import org.grad4j.layers.SmallCNN;
import org.grad4j.layers.optim.Optimizer;
import org.grad4j.layers.optim.SGD;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Times SmallCNN training steps (forward, backward, SGD with momentum) on random 28×28 images:
 * median step time, images/s, the projected seconds per 60,000-image epoch, the share of time in
 * matrix products and im2col/col2im, and the bytes the training thread allocates per step.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Time SmallCNN training steps and project the seconds per Fashion-MNIST epoch.")
final class BenchTrain implements Callable<Integer> {
  @Mixin ComputeOptions compute;

  @Spec CommandSpec spec;

  private static final int EPOCH_IMAGES = 60_000;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--steps",
      defaultValue = "30",
      description = "Timed steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      description = "Warm-up steps (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Mixin MachineOption machine;

  @Override
  public Integer call() {
    Timing.checkCounts(spec, "--steps", steps, warmup);
    Rng rng = new Rng(0);
    Module model = SmallCNN.create(rng);
    Optimizer sgd = SGD.builder(0.01).momentum(0.9).build(model.parameters());
    Tensor images = Tensor.rand(rng, batchSize, 1, 28, 28);
    int[] labels = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      labels[i] = rng.nextInt(10);
    }
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long threadId = Thread.currentThread().getId();
    List<Step> timed =
        Timing.measure(
            warmup,
            steps,
            () -> {
              KernelTimer.reset();
              long bytesBefore = threads.getThreadAllocatedBytes(threadId);
              long t0 = System.nanoTime();
              sgd.zeroGrad();
              Variable loss = F.crossEntropy(model.forward(new Variable(images)), labels);
              loss.backward();
              sgd.step();
              long t1 = System.nanoTime();
              return new Step(
                  (t1 - t0) / 1e6,
                  threads.getThreadAllocatedBytes(threadId) - bytesBefore,
                  KernelNanos.read());
            });
    double median = Timing.median(timed, Step::millis);
    double allocatedMb =
        timed.stream().mapToLong(Step::allocatedBytes).sum() / (double) steps / 1e6;
    KernelShares shares = KernelShares.of(timed);
    double imagesPerSecond = batchSize / (median / 1000);
    if (machine.enabled) {
      MachineOption.print("train.ms_per_step", "%.6g", median, "ms");
      MachineOption.print("train.epoch_s_projected", "%.6g", EPOCH_IMAGES / imagesPerSecond, "s");
      MachineOption.print("train.allocated_mb_per_step", "%.6g", allocatedMb, "MB");
      return 0;
    }
    System.out.printf(
        "SmallCNN training step, batch %d; %s: median %.2f ms, %.0f images/s, projected %.1f s per"
            + " 60,000-image epoch%n",
        batchSize,
        ComputeOptions.describe(),
        median,
        imagesPerSecond,
        EPOCH_IMAGES / imagesPerSecond);
    System.out.printf(
        "time split: matrix products %.1f%%, im2col/col2im %.1f%%, rest %.1f%%; allocated %.1f MB"
            + " per step on the training thread%n",
        100 * shares.matmul(), 100 * shares.columns(), 100 * shares.rest(), allocatedMb);
    return 0;
  }

  /** One timed training step: milliseconds, bytes allocated on this thread, kernel times. */
  private record Step(double millis, long allocatedBytes, KernelNanos kernels)
      implements Timing.KernelRun {}
}
