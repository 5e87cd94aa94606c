package org.grad4j.layers.optim;

import static org.grad4j.layers.optim.Options.checkNonNegative;
import static org.grad4j.layers.optim.Options.checkUnitInterval;

import java.util.List;
import org.grad4j.layers.Parameter;

/**
 * Adam, as {@code torch.optim.Adam}: bias-corrected running averages of the gradient ({@code
 * exp_avg}) and of its square ({@code exp_avg_sq}), optional AMSGrad ({@code max_exp_avg_sq}) and
 * L2 weight decay added to the gradient. {@link AdamW} shares its builder and its implementation.
 *
 * <pre>{@code
 * Adam adam = Adam.builder().lr(3e-4).build(model.parameters());
 * }</pre>
 */
public final class Adam extends AdamBase {
  private Adam(Builder<Adam> b, List<Parameter> params) {
    super(b, params, false);
  }

  /** A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay. */
  public static Builder<Adam> builder() {
    return new Builder<>("Adam", 0.0, Adam::new);
  }

  /**
   * Options of an {@link Adam} or {@link AdamW}; {@link #build} validates them.
   *
   * @param <T> the optimizer built
   */
  public static final class Builder<T extends Optimizer> {
    private final String name;
    private final Factory<T> factory;
    double lr = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double eps = 1e-8;
    double weightDecay;
    boolean amsgrad;

    /** Makes the optimizer from the validated options and its parameters. */
    interface Factory<T extends Optimizer> {
      T make(Builder<T> options, List<Parameter> params);
    }

    Builder(String name, double weightDecay, Factory<T> factory) {
      this.name = name;
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
      return factory.make(this, params);
    }
  }
}
