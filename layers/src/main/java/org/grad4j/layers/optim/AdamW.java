package org.grad4j.layers.optim;

import java.util.List;
import java.util.Map;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), as {@code torch.optim.AdamW}: each step
 * first scales the parameter by {@code 1 - lr · weightDecay}, then applies Adam's update without an
 * L2 term. Options are Adam's; the default weight decay is 1e-2.
 *
 * <pre>{@code
 * AdamW adamW = AdamW.builder().lr(1e-3).weightDecay(0.05).build(model.parameters());
 * }</pre>
 */
public final class AdamW extends Optimizer {
  private final AdamRule rule;

  private AdamW(List<Parameter> params, double lr, AdamRule rule) {
    super(params, lr);
    this.rule = rule;
  }

  /**
   * A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.
   */
  public static Adam.Builder<AdamW> builder() {
    return new Adam.Builder<>("AdamW", true, 1e-2, AdamW::new);
  }

  @Override
  protected List<String> bufferNames() {
    return rule.bufferNames();
  }

  @Override
  protected void update(Tensor param, Tensor grad, long step, Map<String, Tensor> buffers) {
    rule.update(lr(), param, grad, step, buffers);
  }
}
