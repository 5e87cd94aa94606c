package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** The logistic function {@code 1 / (1 + e^-x)} elementwise. */
public final class Sigmoid extends Function {
  /** Evaluated so that {@code exp} only sees {@code -|x|} and never overflows. */
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Sigmoid::sigmoid);
  }

  private static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /** dσ/dx = σ(1 - σ), written with the output. */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable y = output();
    return new Variable[] {F.mul(gy, F.mul(y, F.add(F.neg(y), 1.0)))};
  }
}
