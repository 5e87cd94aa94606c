package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** The hyperbolic tangent elementwise. */
public final class Tanh extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Math::tanh);
  }

  /** d(tanh x)/dx = 1 - tanh²x, written with the output. */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable y = output();
    return new Variable[] {F.mul(gy, F.add(F.neg(F.mul(y, y)), 1.0))};
  }
}
