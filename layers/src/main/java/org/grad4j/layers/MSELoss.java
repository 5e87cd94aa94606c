package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;

/** Mean squared error between tensors of the same shape, as {@code nn.MSELoss}. */
public final class MSELoss {
  private final Reduction reduction;

  public MSELoss() {
    this(Reduction.MEAN);
  }

  public MSELoss(Reduction reduction) {
    this.reduction = reduction;
  }

  public Variable forward(Variable prediction, Variable target) {
    return F.mse(prediction, target, reduction);
  }
}
