package org.grad4j.layers.optim;

import java.util.List;
import java.util.Map;
import org.grad4j.core.FusedUpdates;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;

/**
 * The implementation of {@link Adam} and {@link AdamW}, which differ only in how weight decay is
 * applied: added to the gradient (L2) or, decoupled, as a scaling of the parameter.
 */
abstract sealed class AdamBase extends Optimizer permits Adam, AdamW {
  private static final String EXP_AVG = "exp_avg";
  private static final String EXP_AVG_SQ = "exp_avg_sq";
  private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

  private final double beta1;
  private final double beta2;
  private final double eps;
  private final double weightDecay;
  private final boolean amsgrad;
  private final boolean decoupled;

  AdamBase(Adam.Builder<?> b, List<Parameter> params, boolean decoupled) {
    super(params, b.lr);
    beta1 = b.beta1;
    beta2 = b.beta2;
    eps = b.eps;
    weightDecay = b.weightDecay;
    amsgrad = b.amsgrad;
    this.decoupled = decoupled;
  }

  @Override
  protected final List<String> bufferNames() {
    return amsgrad ? List.of(EXP_AVG, EXP_AVG_SQ, MAX_EXP_AVG_SQ) : List.of(EXP_AVG, EXP_AVG_SQ);
  }

  /**
   * PyTorch 1.13's single-tensor step: AdamW first scales the parameter by {@code 1 - lr·decay};
   * then {@code stepSize = lr / (1 - beta1^t)} and {@code denom = sqrt(v) / sqrt(1 - beta2^t) +
   * eps}, so eps is added after the bias correction of {@code v}.
   */
  @Override
  protected final void update(Tensor param, Tensor grad, long step, Map<String, Tensor> buffers) {
    if (decoupled) {
      param.scaleInPlace(1 - lr() * weightDecay);
    }
    FusedUpdates.adamInPlace(
        param,
        grad,
        buffers.get(EXP_AVG),
        buffers.get(EXP_AVG_SQ),
        buffers.get(MAX_EXP_AVG_SQ),
        beta1,
        beta2,
        decoupled ? 0 : weightDecay,
        eps,
        lr() / (1 - Math.pow(beta1, step)),
        Math.sqrt(1 - Math.pow(beta2, step)));
  }
}
