package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ClassLabels;
import org.grad4j.core.Tensor;

/**
 * Negative log-likelihood of log-probabilities {@code (N, C)} at integer labels, one loss per row
 * {@code (N,)}: {@code loss_i = -x[i, labels[i]]}, as PyTorch's {@code nll_loss}. Only the labelled
 * entries are read, so {@code -Infinity} elsewhere does no harm.
 */
public final class Nll extends Function {
  private final int[] labels;

  public Nll(int[] labels) {
    this.labels = labels.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    ClassLabels.check("nll", in[0], labels);
    return ClassLabels.pick(in[0], labels).neg();
  }

  /** {@code -gy_i} at each row's label, 0 elsewhere. */
  @Override
  protected Variable[] backward(Variable gy) {
    Tensor minusOneHot = ClassLabels.targets(labels, input(0).shape().dim(1), 0.0).neg();
    return new Variable[] {F.mul(F.reshape(gy, labels.length, 1), new Variable(minusOneHot))};
  }
}
