package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code |x|} elementwise; its gradient at 0 is 0, as in PyTorch. */
public final class Abs extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Math::abs);
  }

  /** d|x|/dx = sign(x), a constant of the graph. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.mul(gy, new Variable(input(0).data().map(Math::signum)))};
  }
}
