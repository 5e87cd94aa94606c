package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code a + b} with NumPy broadcasting. */
public final class Add extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].add(in[1]);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.sumTo(gy, input(0).shape()), F.sumTo(gy, input(1).shape())};
  }
}
