package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code max(x, 0)} elementwise; its gradient at 0 is 0, as in PyTorch. */
public final class Relu extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(x -> Math.max(x, 0.0));
  }

  /** The gradient passes where {@code x > 0}: a constant mask of the graph. */
  @Override
  protected Variable[] backward(Variable gy) {
    Tensor positive = input(0).data().map(x -> x > 0 ? 1.0 : 0.0);
    return new Variable[] {F.mul(gy, new Variable(positive))};
  }
}
