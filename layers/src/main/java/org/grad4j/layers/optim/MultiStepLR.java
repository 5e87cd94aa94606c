package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * Decays the learning rate by {@code gamma} at each milestone, as {@code
 * torch.optim.lr_scheduler.MultiStepLR}: {@code lr = initialLr · gamma^k} where {@code k} counts
 * the milestones {@code <= step} (a repeated milestone counts as often as it appears).
 */
public record MultiStepLR(List<Integer> milestones, double gamma) implements LrSchedule {
  /**
   * @throws IllegalArgumentException if a milestone is negative or {@code gamma} is not positive
   *     and finite
   */
  public MultiStepLR {
    milestones = milestones.stream().sorted().toList();
    checkArgument(
        milestones.isEmpty() || milestones.get(0) >= 0,
        "MultiStepLR: milestones must be >= 0, got %s",
        milestones);
    Options.checkPositive("MultiStepLR", "gamma", gamma);
  }

  /** PyTorch's default decay, {@code gamma = 0.1}. */
  public MultiStepLR(List<Integer> milestones) {
    this(milestones, 0.1);
  }

  @Override
  public double lr(double initialLr, int step) {
    long passed = milestones.stream().filter(m -> m <= step).count();
    return initialLr * Math.pow(gamma, passed);
  }
}
