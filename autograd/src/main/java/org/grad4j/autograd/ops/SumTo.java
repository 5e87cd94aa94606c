package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/** Sums the input down to a shape that broadcasts to it; the adjoint of {@link BroadcastTo}. */
public final class SumTo extends Function {
  private final Shape shape;

  public SumTo(Shape shape) {
    this.shape = shape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].sumTo(shape);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.broadcastTo(gy, input(0).shape())};
  }
}
