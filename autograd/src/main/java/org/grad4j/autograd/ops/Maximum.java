package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * The larger of two tensors elementwise, with NumPy broadcasting. Where they tie, each input gets
 * half the gradient, as in PyTorch.
 */
public final class Maximum extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].zip(in[1], Math::max, "maximum");
  }

  @Override
  protected Variable[] backward(Variable gy) {
    Variable a = input(0);
    Variable b = input(1);
    Tensor share = a.data().zip(b.data(), (x, y) -> x > y ? 1.0 : x == y ? 0.5 : 0.0, "maximum");
    return new Variable[] {
      needsInputGrad(0) ? F.sumTo(F.mul(gy, new Variable(share)), a.shape()) : null,
      needsInputGrad(1)
          ? F.sumTo(F.mul(gy, new Variable(share.map(s -> 1.0 - s))), b.shape())
          : null
    };
  }
}
