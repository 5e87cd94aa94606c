package org.grad4j.autograd.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * {@code x} where {@code x > 0}, {@code slope * x} elsewhere; its gradient at 0 is {@code slope},
 * as in PyTorch.
 */
public final class LeakyRelu extends Function {
  private final double slope;

  public LeakyRelu(double slope) {
    checkArgument(Double.isFinite(slope), "leakyRelu: slope must be finite, got %s", slope);
    this.slope = slope;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(x -> x > 0 ? x : x * slope);
  }

  /** The derivative is 1 where {@code x > 0} and {@code slope} elsewhere: a graph constant. */
  @Override
  protected Variable[] backward(Variable gy) {
    Tensor derivative = input(0).data().map(x -> x > 0 ? 1.0 : slope);
    return new Variable[] {F.mul(gy, new Variable(derivative))};
  }
}
