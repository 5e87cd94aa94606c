package org.grad4j.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * Limits every element to {@code [min, max]}. The gradient passes where {@code min <= x <= max}
 * (bounds included, as in PyTorch) and is 0 elsewhere. Either bound may be infinite.
 */
public final class Clamp extends Function {
  private final double min;
  private final double max;

  public Clamp(double min, double max) {
    checkArgument(min <= max, "clamp: min %s is above max %s", min, max);
    this.min = min;
    this.max = max;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(x -> Math.min(Math.max(x, min), max));
  }

  @Override
  protected Variable[] backward(Variable gy) {
    Tensor inside = input(0).data().map(x -> x >= min && x <= max ? 1.0 : 0.0);
    return new Variable[] {F.mul(gy, new Variable(inside))};
  }
}
