package org.grad4j.layers.optim;

import static org.grad4j.layers.optim.Options.checkNonNegative;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.grad4j.core.FusedUpdates;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;

/**
 * RMSprop, as {@code torch.optim.RMSprop}: the gradient divided by the root of a running average of
 * its square ({@code square_avg}), optionally centered by a running average of the gradient ({@code
 * grad_avg}), with optional momentum ({@code momentum_buffer}) and L2 weight decay.
 *
 * <pre>{@code
 * RMSprop rmsprop = RMSprop.builder().lr(1e-3).momentum(0.9).build(model.parameters());
 * }</pre>
 */
public final class RMSprop extends Optimizer {
  private static final String SQUARE_AVG = "square_avg";
  private static final String MOMENTUM_BUFFER = "momentum_buffer";
  private static final String GRAD_AVG = "grad_avg";

  private final double alpha;
  private final double eps;
  private final double weightDecay;
  private final double momentum;
  private final boolean centered;

  private RMSprop(Builder b, List<Parameter> params) {
    super(params, b.lr);
    alpha = b.alpha;
    eps = b.eps;
    weightDecay = b.weightDecay;
    momentum = b.momentum;
    centered = b.centered;
  }

  /**
   * A builder with PyTorch's defaults: lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no momentum,
   * not centered.
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  protected List<String> bufferNames() {
    List<String> names = new ArrayList<>(List.of(SQUARE_AVG));
    if (momentum > 0) {
      names.add(MOMENTUM_BUFFER);
    }
    if (centered) {
      names.add(GRAD_AVG);
    }
    return names;
  }

  @Override
  protected void update(Tensor param, Tensor grad, long step, Map<String, Tensor> buffers) {
    FusedUpdates.rmspropInPlace(
        param,
        grad,
        buffers.get(SQUARE_AVG),
        buffers.get(GRAD_AVG),
        buffers.get(MOMENTUM_BUFFER),
        lr(),
        alpha,
        eps,
        weightDecay,
        momentum);
  }

  /** Options of an {@link RMSprop}; {@link #build} validates them. */
  public static final class Builder {
    private double lr = 1e-2;
    private double alpha = 0.99;
    private double eps = 1e-8;
    private double weightDecay;
    private double momentum;
    private boolean centered;

    private Builder() {}

    public Builder lr(double lr) {
      this.lr = lr;
      return this;
    }

    /** The decay rate of the running averages. */
    public Builder alpha(double alpha) {
      this.alpha = alpha;
      return this;
    }

    /** Added to the root of the running average of the squared gradient. */
    public Builder eps(double eps) {
      this.eps = eps;
      return this;
    }

    /** The L2 penalty: {@code weightDecay · param} is added to the gradient. */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /**
     * Whether to divide by the root of the gradient's estimated variance, not its second moment.
     */
    public Builder centered(boolean centered) {
      this.centered = centered;
      return this;
    }

    /**
     * The optimizer over {@code params}.
     *
     * @throws IllegalArgumentException if lr, alpha, eps, weight decay or momentum is negative or
     *     not finite, or {@code params} is empty or repeats a parameter
     */
    public RMSprop build(List<Parameter> params) {
      checkNonNegative("RMSprop", "lr", lr);
      checkNonNegative("RMSprop", "alpha", alpha);
      checkNonNegative("RMSprop", "eps", eps);
      checkNonNegative("RMSprop", "weightDecay", weightDecay);
      checkNonNegative("RMSprop", "momentum", momentum);
      return new RMSprop(this, params);
    }
  }
}
