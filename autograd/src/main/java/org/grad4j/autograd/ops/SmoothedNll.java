package org.grad4j.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ClassLabels;
import org.grad4j.core.Tensor;

/**
 * The negative log-likelihood of log-probabilities {@code (N, C)} under the label-smoothed target
 * distribution {@code q = (1 - eps) * onehot + eps / C}, one loss per row {@code (N,)}: the last
 * step of {@code F.crossEntropy}, which applies it to {@link LogSoftmax} of the logits, as
 * PyTorch's {@code cross_entropy} is {@code nll_loss(log_softmax(x))} (with smoothed targets when
 * {@code eps > 0}). Its errors name {@code crossEntropy}, the function it serves.
 */
public final class SmoothedNll extends Function {
  private final int[] labels;
  private final double labelSmoothing;

  public SmoothedNll(int[] labels, double labelSmoothing) {
    checkArgument(
        labelSmoothing >= 0 && labelSmoothing <= 1,
        "crossEntropy: labelSmoothing must be in [0, 1], got %s",
        labelSmoothing);
    this.labels = labels.clone();
    this.labelSmoothing = labelSmoothing;
  }

  /** {@code loss_i = -Σ_c q_ic logProbs_ic} for the target distribution {@code q}. */
  @Override
  protected Tensor forward(Tensor... in) {
    Tensor logProbs = in[0];
    ClassLabels.check("crossEntropy", logProbs, labels);
    Tensor targets = ClassLabels.targets(labels, logProbs.shape().dim(1), labelSmoothing);
    saveForBackward(targets);
    return logProbs.mul(targets).sum(false, 1).neg();
  }

  /**
   * {@code dloss_i/dlogProbs_i = -q_i gy_i}. Through LogSoftmax's backward ({@code g - softmax Σ
   * g}, with {@code Σ_c q_ic = 1}) the logits get {@code (softmax(x_i) - q_i) gy_i}.
   */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable minusTargets = new Variable(saved(0).neg());
    return new Variable[] {F.mul(minusTargets, F.reshape(gy, labels.length, 1))};
  }
}
