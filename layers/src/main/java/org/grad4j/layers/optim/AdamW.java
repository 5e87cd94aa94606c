package org.grad4j.layers.optim;

import java.util.List;
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
public final class AdamW extends AdamBase {
  private AdamW(Adam.Builder<AdamW> b, List<Parameter> params) {
    super(b, params, true);
  }

  /**
   * A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2.
   */
  public static Adam.Builder<AdamW> builder() {
    return new Adam.Builder<>("AdamW", 1e-2, AdamW::new);
  }
}
