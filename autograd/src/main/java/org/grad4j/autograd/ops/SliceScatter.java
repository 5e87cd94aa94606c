package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * Zeros of a given shape with the input placed at an offset along one axis; the adjoint of {@link
 * Slice}, and its backward.
 */
public final class SliceScatter extends Function {
  private final Shape shape;
  private final int axis;
  private final int start;

  public SliceScatter(Shape shape, int axis, int start) {
    this.shape = shape;
    this.axis = axis;
    this.start = start;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.sliceScatter(in[0], shape, axis, start);
  }

  /** Only the placed elements depend on the input: the gradient is the same slice of gy. */
  @Override
  protected Variable[] backward(Variable gy) {
    int length = input(0).shape().dim(axis);
    return new Variable[] {new Slice(axis, start, start + length).apply(gy)};
  }
}
