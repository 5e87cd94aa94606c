package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The 1cycle policy (Smith and Topin), as {@code torch.optim.lr_scheduler.OneCycleLR}: stepped
 * after every batch, the rate rises from {@code maxLr / divFactor} to {@code maxLr} during the
 * first {@code pctStart} of {@code totalSteps}, then anneals to {@code maxLr / divFactor /
 * finalDivFactor}. With {@code threePhase}, it first falls back to {@code maxLr / divFactor}
 * symmetrically and then anneals to the minimum. The optimizer's own initial rate is ignored.
 *
 * <p>PyTorch's momentum cycling is not implemented: momentum and betas stay as configured.
 *
 * <p>Phase {@code i} ends at step {@code e_i} ({@code pctStart·totalSteps - 1}, {@code
 * 2·pctStart·totalSteps - 2} with three phases, and {@code totalSteps - 1}); within a phase from
 * {@code s} to {@code e} the rate is {@code anneal(start, end, min(1, (step - s) / (e - s)))}. The
 * cap matters only at {@code step = totalSteps}, after the last batch: PyTorch extrapolates the
 * last phase there (below zero with linear annealing), grad4j holds the final rate.
 */
public record OneCycleLR(
    double maxLr,
    int totalSteps,
    double pctStart,
    Anneal anneal,
    double divFactor,
    double finalDivFactor,
    boolean threePhase)
    implements LrSchedule {

  /** How the rate moves from a phase's start value to its end value. */
  public enum Anneal {
    /** {@code end + (start - end) / 2 · (1 + cos(π · pct))}. */
    COS {
      @Override
      double apply(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
      }
    },
    /** {@code start + (end - start) · pct}. */
    LINEAR {
      @Override
      double apply(double start, double end, double pct) {
        return (end - start) * pct + start;
      }
    };

    abstract double apply(double start, double end, double pct);
  }

  /**
   * @throws IllegalArgumentException if {@code maxLr}, {@code divFactor} or {@code finalDivFactor}
   *     is not positive and finite, {@code totalSteps < 1}, {@code pctStart} is outside {@code [0,
   *     1]}, or a phase would not span a positive number of steps (PyTorch would divide by zero or
   *     start inside a later phase)
   */
  public OneCycleLR {
    Options.checkPositive("OneCycleLR", "maxLr", maxLr);
    checkArgument(totalSteps >= 1, "OneCycleLR: totalSteps must be at least 1, got %s", totalSteps);
    checkArgument(
        pctStart >= 0 && pctStart <= 1, "OneCycleLR: pctStart must be in [0, 1], got %s", pctStart);
    checkNotNull(anneal, "OneCycleLR: anneal strategy is null");
    Options.checkPositive("OneCycleLR", "divFactor", divFactor);
    Options.checkPositive("OneCycleLR", "finalDivFactor", finalDivFactor);
    double[] ends = phaseEnds(totalSteps, pctStart, threePhase);
    for (int i = 0; i < ends.length; i++) {
      double length = ends[i] - (i == 0 ? 0 : ends[i - 1]);
      checkArgument(
          length > 0,
          "OneCycleLR: phase %s would span %s steps with pctStart %s and totalSteps %s; every"
              + " phase must span more than 0",
          i + 1,
          length,
          pctStart,
          totalSteps);
    }
  }

  /**
   * PyTorch's defaults: {@code pctStart} 0.3, cosine annealing, {@code divFactor} 25, {@code
   * finalDivFactor} 1e4, two phases.
   */
  public OneCycleLR(double maxLr, int totalSteps) {
    this(maxLr, totalSteps, 0.3, Anneal.COS, 25.0, 1e4, false);
  }

  private static double[] phaseEnds(int totalSteps, double pctStart, boolean threePhase) {
    double warmUpEnd = pctStart * totalSteps - 1;
    return threePhase
        ? new double[] {warmUpEnd, 2 * pctStart * totalSteps - 2, totalSteps - 1}
        : new double[] {warmUpEnd, totalSteps - 1};
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code step > totalSteps}
   */
  @Override
  public double lr(double initialLr, int step) {
    checkArgument(
        step >= 0 && step <= totalSteps,
        "OneCycleLR: step %s is outside [0, totalSteps = %s]",
        step,
        totalSteps);
    double start = maxLr / divFactor;
    double min = start / finalDivFactor;
    double[] lrs =
        threePhase ? new double[] {start, maxLr, start, min} : new double[] {start, maxLr, min};
    double[] ends = phaseEnds(totalSteps, pctStart, threePhase);
    double phaseStart = 0;
    int i = 0;
    while (step > ends[i] && i < ends.length - 1) {
      phaseStart = ends[i];
      i++;
    }
    double pct = Math.min(1, (step - phaseStart) / (ends[i] - phaseStart));
    return anneal.apply(lrs[i], lrs[i + 1], pct);
  }
}
