package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * Zeros of a given shape with each input element added at a flat (row-major) position, {@code
 * y[index[o]] += x[o]}: the gradient of {@link Gather} and of {@link MaxPool2d}. The map is linear;
 * its backward is {@link Gather} at the same positions, so derivatives of any order exist.
 */
public final class ScatterAdd extends Function {
  private final int[] index;
  private final Shape shape;

  /**
   * @param index for each input element, its flat position in the output; kept, not copied
   * @param shape the shape of the output
   */
  public ScatterAdd(int[] index, Shape shape) {
    this.index = index;
    this.shape = shape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.scatterAdd(in[0], index, shape);
  }

  /** Input element {@code o} lands at {@code index[o]}: gather gy from there. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new Gather(index, input(0).shape()).apply(gy)};
  }
}
