package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code -x}. */
public final class Neg extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].neg();
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.neg(gy)};
  }
}
