package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * Batch normalisation over the channels of an NCHW input, as {@code nn.BatchNorm2d}: in training
 * mode it normalises with the batch statistics and updates the running mean and (unbiased) variance
 * with {@code momentum}; in evaluation mode it uses the running statistics.
 *
 * <p>Parameters {@code weight} (ones) and {@code bias} (zeros) when affine; buffers {@code
 * running_mean} (zeros) and {@code running_var} (ones). PyTorch's {@code num_batches_tracked}
 * counter is not kept (it only matters for momentum {@code None}).
 */
public final class BatchNorm2d extends Module {
  private final int features;
  private final double eps;
  private final double momentum;
  private final Variable weight;
  private final Variable bias;
  private final Tensor runningMean;
  private final Tensor runningVar;

  /** PyTorch's defaults: eps 1e-5, momentum 0.1, affine. */
  public BatchNorm2d(int features) {
    this(features, 1e-5, 0.1, true);
  }

  public BatchNorm2d(int features, double eps, double momentum, boolean affine) {
    checkArgument(features >= 1, "BatchNorm2d: features must be at least 1, got %s", features);
    checkArgument(eps >= 0, "BatchNorm2d: eps %s is negative", eps);
    checkArgument(
        momentum >= 0 && momentum <= 1, "BatchNorm2d: momentum %s is not in [0, 1]", momentum);
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    weight = affine ? registerParameter("weight", Tensor.ones(features)) : null;
    bias = affine ? registerParameter("bias", Tensor.zeros(features)) : null;
    runningMean = registerBuffer("running_mean", Tensor.zeros(features));
    runningVar = registerBuffer("running_var", Tensor.ones(features));
  }

  @Override
  public Variable forward(Variable input) {
    return F.batchNorm2d(input, weight, bias, runningMean, runningVar, isTraining(), momentum, eps);
  }

  @Override
  protected String describe() {
    return String.format(
        "%d, eps=%s, momentum=%s, affine=%s", features, eps, momentum, weight != null);
  }
}
