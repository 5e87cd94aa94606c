package org.grad4j.autograd.ops;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class BatchNorm2dTest {
  /**
   * x of shape (2,2,1,2): channel 0 holds 1, 3, 5, 7 (mean 4, variance 5), channel 1 holds 0, 0, 2,
   * 2 (mean 1, variance 1). eps 0 keeps the numbers exact.
   */
  private static Variable handX() {
    return new Variable(Tensor.of(new double[] {1, 3, 0, 0, 5, 7, 2, 2}, 2, 2, 1, 2), true);
  }

  @Test
  void trainingNormalisesWithBatchStatisticsAndUpdatesRunningBuffers() {
    Variable gamma = new Variable(Tensor.of(new double[] {2, 1}, 2), true);
    Variable beta = new Variable(Tensor.of(new double[] {1, 0}, 2), true);
    Tensor runningMean = Tensor.zeros(2);
    Tensor runningVar = Tensor.ones(2);
    Variable y = F.batchNorm2d(handX(), gamma, beta, runningMean, runningVar, true, 0.1, 0.0);
    double s = 2 / Math.sqrt(5);
    assertArrayEquals(
        new double[] {1 - 3 * s, 1 - s, -1, -1, 1 + s, 1 + 3 * s, 1, 1}, y.data().toArray(), 1e-15);
    // running = 0.9 * running + 0.1 * batch, with the unbiased variances 20/3 and 4/3
    assertArrayEquals(new double[] {0.4, 0.1}, runningMean.toArray(), 1e-15);
    assertArrayEquals(new double[] {0.9 + 2.0 / 3, 0.9 + 0.4 / 3}, runningVar.toArray(), 1e-15);
  }

  @Test
  void trainingWithoutAffineOrBuffers() {
    Variable y = F.batchNorm2d(handX(), null, null, null, null, true, 0.1, 0.0);
    double s = 1 / Math.sqrt(5);
    assertArrayEquals(new double[] {-3 * s, -s, -1, -1, s, 3 * s, 1, 1}, y.data().toArray(), 1e-15);
  }

  @Test
  void evaluationUsesTheRunningStatisticsAndLeavesThemAlone() {
    Variable x = new Variable(Tensor.of(new double[] {3, 0}, 1, 2, 1, 1), true);
    Tensor runningMean = Tensor.of(new double[] {1, -1}, 2);
    Tensor runningVar = Tensor.of(new double[] {4, 0.25}, 2);
    Variable y = F.batchNorm2d(x, null, null, runningMean, runningVar, false, 0.1, 0.0);
    assertArrayEquals(new double[] {1, 2}, y.data().toArray(), 0.0);
    assertArrayEquals(new double[] {1, -1}, runningMean.toArray(), 0.0);
    assertArrayEquals(new double[] {4, 0.25}, runningVar.toArray(), 0.0);
    y.backward(Tensor.ones(1, 2, 1, 1));
    assertArrayEquals(new double[] {0.5, 2}, x.grad().data().toArray(), 0.0);
  }

  /** Inputs x (3,2,2,3), gamma and beta of a training or evaluation check. */
  private static Variable[] inputs(long seed) {
    Rng rng = new Rng(seed);
    return new Variable[] {
      new Variable(Tensor.randn(rng, 3, 2, 2, 3), true),
      new Variable(Tensor.randn(rng, 2), true),
      new Variable(Tensor.randn(rng, 2), true)
    };
  }

  private static GradCheck.Fn batchNorm(boolean training) {
    return xs ->
        F.batchNorm2d(
            xs[0],
            xs[1],
            xs[2],
            Tensor.of(new double[] {0.3, -0.2}, 2),
            Tensor.of(new double[] {1.5, 0.7}, 2),
            training,
            0.1,
            1e-5);
  }

  @Test
  void trainingGradientsMatchFiniteDifferences() {
    GradCheck.DEFAULT.assertGradients(batchNorm(true), inputs(31));
  }

  @Test
  void evaluationGradientsMatchFiniteDifferences() {
    GradCheck.DEFAULT.assertGradients(batchNorm(false), inputs(32));
  }

  @Test
  void trainingSecondDerivativesMatchFiniteDifferences() {
    GradCheck.DEFAULT.assertSecondOrder(batchNorm(true), inputs(33));
  }

  @Test
  void badInputNamesBatchNorm2dAndTheShapes() {
    Variable x = new Variable(Tensor.zeros(2, 3, 2, 2));
    Variable c3 = new Variable(Tensor.ones(3));
    Variable c4 = new Variable(Tensor.ones(4));
    Tensor t3 = Tensor.ones(3);
    assertIllegalArgument(
        () -> F.batchNorm2d(new Variable(Tensor.zeros(2, 3)), null, null, null, null, true, 0.1, 0),
        "batchNorm2d",
        "rank 4",
        "(2,3)");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c4, c3, t3, t3, true, 0.1, 1e-5),
        "batchNorm2d",
        "gamma",
        "(4,)",
        "(2,3,2,2)",
        "(3,)");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c4, t3, t3, true, 0.1, 1e-5), "batchNorm2d", "beta", "(4,)");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c3, Tensor.ones(4), t3, true, 0.1, 1e-5),
        "batchNorm2d",
        "runningMean",
        "(4,)");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c3, t3, Tensor.ones(1, 3), true, 0.1, 1e-5),
        "batchNorm2d",
        "runningVar",
        "(1,3)");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c3, t3, null, true, 0.1, 1e-5), "batchNorm2d", "neither");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c3, null, null, false, 0.1, 1e-5), "batchNorm2d", "evaluation");
    assertIllegalArgument(
        () -> F.batchNorm2d(new Variable(Tensor.ones(1, 3, 1, 1)), c3, c3, t3, t3, true, 0.1, 0),
        "batchNorm2d",
        "more than 1 value per channel",
        "(1,3,1,1)");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c3, t3, t3, true, 1.5, 1e-5), "batchNorm2d", "momentum 1.5");
    assertIllegalArgument(
        () -> F.batchNorm2d(x, c3, c3, t3, t3, true, 0.1, -1), "batchNorm2d", "eps -1");
  }
}
