package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Pooling;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The gradient of {@link MaxPool2dBackward}: an input-shaped tensor read at the arg-max positions,
 * giving a pooled-shaped tensor (max pooling with its window choices frozen). Its backward is the
 * scatter {@link MaxPool2dBackward} again, so derivatives of any order exist.
 */
public final class MaxPool2dDoubleBackward extends Function {
  private final int[] argmax;
  private final Shape outputShape;

  /**
   * @param argmax for each pooled element, the flat index of its maximum in the pooling input
   * @param outputShape the shape of the pooling output
   */
  public MaxPool2dDoubleBackward(int[] argmax, Shape outputShape) {
    this.argmax = argmax;
    this.outputShape = outputShape;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Pooling.gather(in[0], argmax, outputShape);
  }

  @Override
  protected Variable[] backward(Variable v) {
    return new Variable[] {new MaxPool2dBackward(argmax, input(0).shape()).apply(v)};
  }
}
