package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/** Repeats the input along broadcast axes to a target shape; the adjoint of {@link SumTo}. */
public final class BroadcastTo extends Function {
  private final Shape shape;

  public BroadcastTo(Shape shape) {
    this.shape = shape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].broadcastTo(shape);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.sumTo(gy, input(0).shape())};
  }
}
