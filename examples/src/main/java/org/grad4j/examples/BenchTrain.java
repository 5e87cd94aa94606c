package org.grad4j.examples;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.KernelTimer;
import org.grad4j.core.KernelTimer.Kernel;
import org.grad4j.core.MatMul;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
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

  @Option(
      names = "--machine",
      description = "Print `name value unit` lines (as the peer scripts do) instead of text.")
  boolean machine;

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
    double[] millis = new double[steps];
    long allocated = 0;
    long matmul = 0;
    long columns = 0;
    for (int s = -warmup; s < steps; s++) {
      KernelTimer.reset();
      long bytesBefore = threads.getThreadAllocatedBytes(threadId);
      long t0 = System.nanoTime();
      sgd.zeroGrad();
      Variable loss = F.crossEntropy(model.forward(new Variable(images)), labels);
      loss.backward();
      sgd.step();
      long t1 = System.nanoTime();
      if (s >= 0) {
        millis[s] = (t1 - t0) / 1e6;
        allocated += threads.getThreadAllocatedBytes(threadId) - bytesBefore;
        matmul += KernelTimer.nanos(Kernel.MATMUL);
        columns += KernelTimer.nanos(Kernel.IM2COL) + KernelTimer.nanos(Kernel.COL2IM);
      }
    }
    double median = Timing.median(millis);
    double total = 0;
    for (double m : millis) {
      total += m;
    }
    double imagesPerSecond = batchSize / (median / 1000);
    if (machine) {
      String prefix = String.format("grad4j.%s.t%d.train", MatMul.backendName(), MatMul.threads());
      System.out.printf("%s.ms_per_step %.6g ms%n", prefix, median);
      System.out.printf("%s.epoch_s_projected %.6g s%n", prefix, EPOCH_IMAGES / imagesPerSecond);
      System.out.printf(
          "%s.allocated_mb_per_step %.6g MB%n", prefix, allocated / (double) steps / 1e6);
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
        100 * matmul / 1e6 / total,
        100 * columns / 1e6 / total,
        100 * (1 - (matmul + columns) / 1e6 / total),
        allocated / (double) steps / 1e6);
    return 0;
  }
}
