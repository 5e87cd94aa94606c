package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * Reads the input at flat (row-major) positions into a tensor of a given shape, {@code y[o] =
 * x[index[o]]}: one element per row of a matrix ({@code F.gather}, {@code F.nll}), or the maxima of
 * max pooling at their arg-max positions. The adjoint of {@link ScatterAdd}, which is its backward.
 */
public final class Gather extends Function {
  private final int[] index;
  private final Shape shape;

  /**
   * @param index for each output element, its flat position in the input; kept, not copied
   * @param shape the shape of the output
   */
  public Gather(int[] index, Shape shape) {
    this.index = index;
    this.shape = shape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.gather(in[0], index, shape);
  }

  /** Each read element's gradient is added back at its position; every other element gets 0. */
  @Override
  protected Variable[] backward(Variable gy) {
    return new Variable[] {new ScatterAdd(index, input(0).shape()).apply(gy)};
  }
}
