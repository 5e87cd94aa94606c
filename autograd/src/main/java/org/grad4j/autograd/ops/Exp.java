package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code e^x} elementwise. */
public final class Exp extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Math::exp);
  }

  /** d(e^x)/dx = e^x, the output itself. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.mul(gy, output())};
  }
}
