package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Decays the learning rate by {@code gamma} every {@code stepSize} steps, as {@code
 * torch.optim.lr_scheduler.StepLR}: {@code lr = initialLr · gamma^⌊step / stepSize⌋}.
 */
public record StepLR(int stepSize, double gamma) implements LrSchedule {
  /**
   * @throws IllegalArgumentException if {@code stepSize < 1} or {@code gamma} is not positive and
   *     finite
   */
  public StepLR {
    checkArgument(stepSize >= 1, "StepLR: stepSize must be at least 1, got %s", stepSize);
    Options.checkPositive("StepLR", "gamma", gamma);
  }

  /** PyTorch's default decay, {@code gamma = 0.1}. */
  public StepLR(int stepSize) {
    this(stepSize, 0.1);
  }

  @Override
  public double lr(double initialLr, int step) {
    return initialLr * Math.pow(gamma, step / stepSize);
  }
}
