package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Pooling;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The gradient of {@link MaxPool2d}: each output gradient is added to the input position its
 * window's maximum came from, the rest of the input gets 0. The map is linear; its backward is the
 * adjoint gather at the same positions ({@link MaxPool2dDoubleBackward}).
 */
public final class MaxPool2dBackward extends Function {
  private final int[] argmax;
  private final Shape inputShape;

  /**
   * @param argmax for each pooled element, the flat index of its maximum in the pooling input
   * @param inputShape the shape of the pooling input
   */
  public MaxPool2dBackward(int[] argmax, Shape inputShape) {
    this.argmax = argmax;
    this.inputShape = inputShape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Pooling.scatterAdd(in[0], argmax, inputShape);
  }

  @Override
  protected Variable[] backward(Variable u) {
    return new Variable[] {new MaxPool2dDoubleBackward(argmax, input(0).shape()).apply(u)};
  }
}
