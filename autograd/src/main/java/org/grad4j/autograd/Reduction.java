package org.grad4j.autograd;

/** How a loss combines its per-sample (or per-element) values, as PyTorch's {@code reduction}. */
public enum Reduction {
  /** The mean: PyTorch's default. */
  MEAN,
  /** The sum. */
  SUM,
  /** No reduction: one loss per sample (or element). */
  NONE;

  Variable apply(Variable losses) {
    return switch (this) {
      case MEAN -> F.mean(losses);
      case SUM -> F.sum(losses);
      case NONE -> losses;
    };
  }
}
