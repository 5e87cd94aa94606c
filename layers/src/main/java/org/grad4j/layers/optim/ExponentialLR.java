package org.grad4j.layers.optim;

/**
 * Decays the learning rate by {@code gamma} every step, as {@code
 * torch.optim.lr_scheduler.ExponentialLR}: {@code lr = initialLr · gamma^step}.
 */
public record ExponentialLR(double gamma) implements LrSchedule {
  /**
   * @throws IllegalArgumentException if {@code gamma} is not positive and finite
   */
  public ExponentialLR {
    Options.checkPositive("ExponentialLR", "gamma", gamma);
  }

  @Override
  public double lr(double initialLr, int step) {
    return initialLr * Math.pow(gamma, step);
  }
}
