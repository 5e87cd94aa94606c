package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Tensor;

/**
 * Picks {@code x[i, index[i]]} from each row of a matrix {@code x (N, C)}, giving {@code (N,)}; the
 * adjoint of {@link Scatter}.
 */
public final class Gather extends Function {
  private final int[] index;

  public Gather(int[] index) {
    this.index = index.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.gather(in[0], index);
  }

  /** The gradient of each picked element goes back to its place; every other element gets 0. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new Scatter(index, input(0).shape().dim(1)).apply(gy)};
  }
}
