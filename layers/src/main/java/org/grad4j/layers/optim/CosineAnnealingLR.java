package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Cosine annealing from the initial learning rate down to {@code etaMin} over {@code tMax} steps,
 * as {@code torch.optim.lr_scheduler.CosineAnnealingLR} (without restarts; past {@code tMax} the
 * cosine continues, rising again):
 *
 * <pre>
 * lr = etaMin + (initialLr - etaMin) · (1 + cos(π · step / tMax)) / 2
 * </pre>
 */
public record CosineAnnealingLR(int tMax, double etaMin) implements LrSchedule {
  /**
   * @throws IllegalArgumentException if {@code tMax < 1} or {@code etaMin} is negative
   */
  public CosineAnnealingLR {
    checkArgument(tMax >= 1, "CosineAnnealingLR: tMax must be at least 1, got %s", tMax);
    Options.checkNonNegative("CosineAnnealingLR", "etaMin", etaMin);
  }

  /** Annealing down to 0, PyTorch's default. */
  public CosineAnnealingLR(int tMax) {
    this(tMax, 0.0);
  }

  @Override
  public double lr(double initialLr, int step) {
    return etaMin + (initialLr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
  }
}
