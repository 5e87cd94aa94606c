package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static org.grad4j.layers.optim.Options.checkNonNegative;

import java.util.List;
import java.util.Map;
import org.grad4j.core.FusedUpdates;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay, as {@code torch.optim.SGD}. With momentum, each parameter keeps a {@code momentum_buffer}
 * that starts as its first (decayed) gradient.
 *
 * <pre>{@code
 * SGD sgd = SGD.builder(0.1).momentum(0.9).nesterov(true).build(model.parameters());
 * }</pre>
 */
public final class SGD extends Optimizer {
  private static final String MOMENTUM_BUFFER = "momentum_buffer";

  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;

  private SGD(Builder b, List<Parameter> params) {
    super(params, b.lr);
    momentum = b.momentum;
    dampening = b.dampening;
    weightDecay = b.weightDecay;
    nesterov = b.nesterov;
  }

  /** A builder with learning rate {@code lr}, no momentum, no dampening, no weight decay. */
  public static Builder builder(double lr) {
    return new Builder(lr);
  }

  @Override
  protected List<String> bufferNames() {
    return momentum == 0 ? List.of() : List.of(MOMENTUM_BUFFER);
  }

  @Override
  protected void update(Tensor param, Tensor grad, long step, Map<String, Tensor> buffers) {
    FusedUpdates.sgdInPlace(
        param,
        grad,
        buffers.get(MOMENTUM_BUFFER),
        step == 1,
        lr(),
        momentum,
        dampening,
        weightDecay,
        nesterov);
  }

  /** Options of an {@link SGD}; {@link #build} validates them. */
  public static final class Builder {
    private final double lr;
    private double momentum;
    private double dampening;
    private double weightDecay;
    private boolean nesterov;

    private Builder(double lr) {
      this.lr = lr;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    /** The fraction of each new gradient left out of the momentum buffer after the first step. */
    public Builder dampening(double dampening) {
      this.dampening = dampening;
      return this;
    }

    /** The L2 penalty: {@code weightDecay · param} is added to the gradient. */
    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    /**
     * The optimizer over {@code params}.
     *
     * @throws IllegalArgumentException if lr, momentum or weight decay is negative or not finite,
     *     dampening is not finite, Nesterov momentum is asked for without momentum or with
     *     dampening, or {@code params} is empty or repeats a parameter
     */
    public SGD build(List<Parameter> params) {
      checkNonNegative("SGD", "lr", lr);
      checkNonNegative("SGD", "momentum", momentum);
      checkArgument(Double.isFinite(dampening), "SGD: dampening must be finite, got %s", dampening);
      checkNonNegative("SGD", "weightDecay", weightDecay);
      checkArgument(
          !nesterov || (momentum > 0 && dampening == 0),
          "SGD: Nesterov momentum requires momentum > 0 and dampening 0, got momentum %s and"
              + " dampening %s",
          momentum,
          dampening);
      return new SGD(this, params);
    }
  }
}
