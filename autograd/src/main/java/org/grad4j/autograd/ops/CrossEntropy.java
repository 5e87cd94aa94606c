package org.grad4j.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ClassLabels;
import org.grad4j.core.Tensor;

/**
 * Softmax cross-entropy of logits {@code (N, C)} against integer labels, one loss per row {@code
 * (N,)}: log-softmax and negative log-likelihood fused, stable for large logits. With label
 * smoothing {@code eps} the target distribution is {@code (1 - eps) * onehot + eps / C}, as in
 * PyTorch.
 */
public final class CrossEntropy extends Function {
  private final int[] labels;
  private final double labelSmoothing;

  public CrossEntropy(int[] labels, double labelSmoothing) {
    checkArgument(
        labelSmoothing >= 0 && labelSmoothing <= 1,
        "crossEntropy: labelSmoothing must be in [0, 1], got %s",
        labelSmoothing);
    this.labels = labels.clone();
    this.labelSmoothing = labelSmoothing;
  }

  /**
   * {@code loss_i = -Σ_c q_ic log softmax(x_i)_c}, with {@code log softmax(x) = (x - m) - log Σ
   * exp(x - m)} for the row maximum {@code m}, so no exponential overflows.
   */
  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    ClassLabels.check("crossEntropy", x, labels);
    Tensor shifted = x.sub(x.max(true, 1));
    Tensor logProbs = shifted.sub(shifted.map(Math::exp).sum(true, 1).map(Math::log));
    Tensor targets = ClassLabels.targets(labels, x.shape().dim(1), labelSmoothing);
    saveForBackward(targets);
    return logProbs.mul(targets).sum(false, 1).neg();
  }

  /** {@code dloss_i/dx_i = softmax(x_i) - q_i}; the softmax keeps it differentiable again. */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable residual = F.sub(F.softmax(input(0), 1), new Variable(saved(0)));
    return new Variable[] {F.mul(residual, F.reshape(gy, labels.length, 1))};
  }
}
