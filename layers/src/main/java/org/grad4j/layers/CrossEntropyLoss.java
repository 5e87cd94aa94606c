package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;

/**
 * Softmax cross-entropy from logits {@code (N, C)} and class labels, as {@code
 * nn.CrossEntropyLoss}.
 */
public final class CrossEntropyLoss {
  private final Reduction reduction;
  private final double labelSmoothing;

  /** The mean over the batch, no label smoothing. */
  public CrossEntropyLoss() {
    this(Reduction.MEAN, 0.0);
  }

  /**
   * @param labelSmoothing {@code ε} in {@code [0, 1]}: the target is {@code (1-ε)·onehot + ε/C}
   */
  public CrossEntropyLoss(Reduction reduction, double labelSmoothing) {
    this.reduction = reduction;
    this.labelSmoothing = labelSmoothing;
  }

  public Variable forward(Variable logits, int[] labels) {
    return F.crossEntropy(logits, labels, reduction, labelSmoothing);
  }
}
