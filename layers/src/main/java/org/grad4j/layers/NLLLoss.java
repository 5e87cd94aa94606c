package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;

/**
 * Negative log-likelihood from log-probabilities {@code (N, C)} and labels, as {@code nn.NLLLoss}.
 */
public final class NLLLoss {
  private final Reduction reduction;

  public NLLLoss() {
    this(Reduction.MEAN);
  }

  public NLLLoss(Reduction reduction) {
    this.reduction = reduction;
  }

  public Variable forward(Variable logProbs, int[] labels) {
    return F.nll(logProbs, labels, reduction);
  }
}
