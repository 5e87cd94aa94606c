package org.grad4j.layers.optim;

import static org.grad4j.layers.optim.Options.checkNonNegative;
import static org.grad4j.layers.optim.Options.checkUnitInterval;

import java.util.List;
import java.util.Map;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;

/**
 * Adam, as {@code torch.optim.Adam}: bias-corrected running averages of the gradient ({@code
 * exp_avg}) and of its square ({@code exp_avg_sq}), optional AMSGrad ({@code max_exp_avg_sq}) and
 * L2 weight decay added to the gradient. {@link AdamW} shares its builder.
 *
 * <pre>{@code
 * Adam adam = Adam.builder().lr(3e-4).build(model.parameters());
 * }</pre>
 */
public final class Adam extends Optimizer {
  private final AdamRule rule;

  private Adam(List<Parameter> params, double lr, AdamRule rule) {
    super(params, lr);
    this.rule = rule;
  }

  /** A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public static Builder<Adam> builder() {
    return new Builder<>("Adam", false, 0.0, Adam::new);
  }

  @Override
  protected List<String> bufferNames() {
    return rule.bufferNames();
  }

  @Override
  protected void update(Tensor param, Tensor grad, long step, Map<String, Tensor> buffers) {
    rule.update(lr(), param, grad, step, buffers);
  }

  /**
   * Options of an {@link Adam} or {@link AdamW}; {@link #build} validates them.
   *
   * @param <T> the optimizer built
   */
  public static final class Builder<T extends Optimizer> {
    private final String name;
    private final boolean decoupled;
    private final Factory<T> factory;
    private double lr = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay;
    private boolean amsgrad;

    /** Makes the optimizer from its parameters, validated learning rate and rule. */
    interface Factory<T> {
      T make(List<Parameter> params, double lr, AdamRule rule);
    }

    Builder(String name, boolean decoupled, double weightDecay, Factory<T> factory) {
      this.name = name;
      this.decoupled = decoupled;
      this.weightDecay = weightDecay;
      this.factory = factory;
    }

    public Builder<T> lr(double lr) {
      this.lr = lr;
      return this;
    }

    /** The decay rates of the running averages of the gradient and of its square. */
    public Builder<T> betas(double beta1, double beta2) {
      this.beta1 = beta1;
      this.beta2 = beta2;
      return this;
    }

    /** Added to the bias-corrected root of the second moment, for numerical stability. */
    public Builder<T> eps(double eps) {
      this.eps = eps;
      return this;
    }

    /**
     * Adam: the L2 penalty added to the gradient; AdamW: the decoupled decay rate (the parameter is
     * scaled by {@code 1 - lr · weightDecay} each step).
     */
    public Builder<T> weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    /** Whether to use the AMSGrad variant (the running maximum of the second moment). */
    public Builder<T> amsgrad(boolean amsgrad) {
      this.amsgrad = amsgrad;
      return this;
    }

    /**
     * The optimizer over {@code params}.
     *
     * @throws IllegalArgumentException if lr, eps or weight decay is negative or not finite, a beta
     *     is outside {@code [0, 1)}, or {@code params} is empty or repeats a parameter
     */
    public T build(List<Parameter> params) {
      checkNonNegative(name, "lr", lr);
      checkUnitInterval(name, "beta1", beta1);
      checkUnitInterval(name, "beta2", beta2);
      checkNonNegative(name, "eps", eps);
      checkNonNegative(name, "weightDecay", weightDecay);
      return factory.make(
          params, lr, new AdamRule(beta1, beta2, eps, weightDecay, amsgrad, decoupled));
    }
  }
}
