package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Tensor;

/**
 * Elements {@code start} (inclusive) to {@code end} (exclusive) along one axis, as {@code
 * x.narrow}; the adjoint of {@link SliceScatter}.
 */
public final class Slice extends Function {
  private final int axis;
  private final int start;
  private final int end;

  public Slice(int axis, int start, int end) {
    this.axis = axis;
    this.start = start;
    this.end = end;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.slice(in[0], axis, start, end);
  }

  /** Each kept element passes its gradient back to where it was read; the rest get zero. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new SliceScatter(input(0).shape(), axis, start).apply(gy)};
  }
}
