package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/** The same values in another shape of equal size. */
public final class Reshape extends Function {
  private final Shape shape;

  public Reshape(Shape shape) {
    this.shape = shape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].reshape(shape);
  }

  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {F.reshape(gy, input(0).shape())};
  }
}
