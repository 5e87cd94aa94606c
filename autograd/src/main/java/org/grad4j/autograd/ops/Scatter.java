package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Tensor;

/**
 * Places a vector {@code (N,)} into a matrix of zeros {@code (N, C)}, element {@code i} at {@code
 * [i, index[i]]}; the adjoint of {@link Gather}, and its backward.
 */
public final class Scatter extends Function {
  private final int[] index;
  private final int columns;

  public Scatter(int[] index, int columns) {
    this.index = index.clone();
    this.columns = columns;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.scatter(in[0], index, columns);
  }

  /** Element {@code i} of the input lands at {@code [i, index[i]]}: gather gy from there. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new Gather(index).apply(gy)};
  }
}
