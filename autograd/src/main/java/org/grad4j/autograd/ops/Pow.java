package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code x^p} elementwise, for a constant exponent {@code p}. */
public final class Pow extends Function {
  private final double exponent;

  public Pow(double exponent) {
    this.exponent = exponent;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(x -> Math.pow(x, exponent));
  }

  /** d(x^p)/dx = p·x^(p-1). */
  @Override
  protected Variable[] backward(Variable gy) {
    if (exponent == 0) {
      return new Variable[] {F.mul(gy, 0.0)};
    }
    return new Variable[] {F.mul(gy, F.mul(F.pow(input(0), exponent - 1), exponent))};
  }
}
