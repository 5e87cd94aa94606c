package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A linear ramp of the learning rate's factor from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps, then constant, as {@code torch.optim.lr_scheduler.LinearLR}; with
 * {@code startFactor < endFactor = 1} it is a linear warm-up:
 *
 * <pre>
 * lr = initialLr · (startFactor + (endFactor - startFactor) · min(step, totalIters) / totalIters)
 * </pre>
 */
public record LinearLR(double startFactor, double endFactor, int totalIters) implements LrSchedule {
  /**
   * @throws IllegalArgumentException if a factor is outside {@code [0, 1]} or {@code totalIters <
   *     1}
   */
  public LinearLR {
    checkFactor("startFactor", startFactor);
    checkFactor("endFactor", endFactor);
    checkArgument(totalIters >= 1, "LinearLR: totalIters must be at least 1, got %s", totalIters);
  }

  /** PyTorch's defaults: a warm-up from a third of the rate to the full rate over 5 steps. */
  public LinearLR() {
    this(1.0 / 3, 1.0, 5);
  }

  private static void checkFactor(String option, double factor) {
    checkArgument(
        factor >= 0 && factor <= 1, "LinearLR: %s must be in [0, 1], got %s", option, factor);
  }

  @Override
  public double lr(double initialLr, int step) {
    return initialLr
        * (startFactor + (endFactor - startFactor) * Math.min(totalIters, step) / totalIters);
  }
}
