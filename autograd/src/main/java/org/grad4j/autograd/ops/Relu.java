package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** {@code max(x, 0)} elementwise; its gradient at 0 is 0, as in PyTorch. */
public final class Relu extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].relu();
  }

  /** The gradient passes where {@code x > 0}. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new ReluBackward(input(0).data()).apply(gy)};
  }
}
