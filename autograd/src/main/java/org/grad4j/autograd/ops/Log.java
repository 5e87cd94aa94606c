package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** The natural logarithm elementwise (NaN below 0, -Infinity at 0, as in IEEE 754). */
public final class Log extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Math::log);
  }

  /** d(ln x)/dx = 1/x. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.div(gy, input(0))};
  }
}
