package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code a / b} elementwise, with NumPy broadcasting. */
public final class Div extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].div(in[1]);
  }

  /** d(a/b)/da = 1/b; d(a/b)/db = -a/b². */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable a = input(0);
    Variable b = input(1);
    return new Variable[] {
      needsInputGrad(0) ? F.sumTo(F.div(gy, b), a.shape()) : null,
      needsInputGrad(1) ? F.sumTo(F.neg(F.div(F.mul(gy, a), F.mul(b, b))), b.shape()) : null
    };
  }
}
