package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code a * b} elementwise, with NumPy broadcasting. */
public final class Mul extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].mul(in[1]);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    Variable a = input(0);
    Variable b = input(1);
    return new Variable[] {
      needsInputGrad(0) ? F.sumTo(F.mul(gy, b), a.shape()) : null,
      needsInputGrad(1) ? F.sumTo(F.mul(gy, a), b.shape()) : null
    };
  }
}
