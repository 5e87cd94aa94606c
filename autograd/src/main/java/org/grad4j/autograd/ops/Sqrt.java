package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** The square root elementwise. */
public final class Sqrt extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Math::sqrt);
  }

  /** d(√x)/dx = 1/(2√x), written with the output. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.div(gy, F.mul(output(), 2.0))};
  }
}
