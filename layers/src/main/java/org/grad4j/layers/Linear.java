package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Shape;

/**
 * A fully connected layer {@code y = x·Wᵀ + b}, as {@code nn.Linear}: weight {@code (out, in)},
 * bias {@code (out,)}, initialised with PyTorch's defaults.
 */
public final class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Parameter weight;
  private final Parameter bias;

  /** A layer with bias. */
  public Linear(int inFeatures, int outFeatures, RandomGenerator rng) {
    this(inFeatures, outFeatures, true, rng);
  }

  public Linear(int inFeatures, int outFeatures, boolean bias, RandomGenerator rng) {
    checkArgument(
        inFeatures >= 1 && outFeatures >= 1,
        "Linear: features in=%s out=%s must be at least 1",
        inFeatures,
        outFeatures);
    checkNotNull(rng, "Linear: a random generator is required to initialise the weights");
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    Shape weightShape = Shape.of(outFeatures, inFeatures);
    weight = registerParameter("weight", Init.defaultWeight(rng, weightShape));
    this.bias =
        bias ? registerParameter("bias", Init.defaultBias(rng, inFeatures, outFeatures)) : null;
  }

  @Override
  public Variable forward(Variable input) {
    return F.linear(input, weight, bias);
  }

  public Parameter weight() {
    return weight;
  }

  /** The bias, or {@code null} when the layer has none. */
  public Parameter bias() {
    return bias;
  }

  @Override
  protected String describe() {
    return String.format(
        "in_features=%d, out_features=%d, bias=%s", inFeatures, outFeatures, bias != null);
  }
}
