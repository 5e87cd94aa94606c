package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;

/** Validation shared by the optimizer builders and the schedules. */
final class Options {
  private Options() {}

  /** Rejects a value that is negative, NaN or infinite. */
  static void checkNonNegative(String owner, String option, double value) {
    checkArgument(
        value >= 0 && value < Double.POSITIVE_INFINITY,
        "%s: %s must be finite and >= 0, got %s",
        owner,
        option,
        value);
  }

  /** Rejects a value outside {@code [0, 1)}, as PyTorch checks betas. */
  static void checkUnitInterval(String owner, String option, double value) {
    checkArgument(
        value >= 0 && value < 1, "%s: %s must be in [0, 1), got %s", owner, option, value);
  }

  /** Rejects a value that is not positive and finite. */
  static void checkPositive(String owner, String option, double value) {
    checkArgument(
        value > 0 && value < Double.POSITIVE_INFINITY,
        "%s: %s must be finite and > 0, got %s",
        owner,
        option,
        value);
  }
}
