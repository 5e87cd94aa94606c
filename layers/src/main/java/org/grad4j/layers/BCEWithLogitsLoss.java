package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;

/** Binary cross-entropy on logits, computed stably, as {@code nn.BCEWithLogitsLoss}. */
public final class BCEWithLogitsLoss {
  private final Reduction reduction;

  public BCEWithLogitsLoss() {
    this(Reduction.MEAN);
  }

  public BCEWithLogitsLoss(Reduction reduction) {
    this.reduction = reduction;
  }

  public Variable forward(Variable logits, Variable targets) {
    return F.bceWithLogits(logits, targets, reduction);
  }
}
