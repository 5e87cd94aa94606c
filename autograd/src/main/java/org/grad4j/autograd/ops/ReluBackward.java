package org.grad4j.autograd.ops;

import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * The gradient of {@link Relu}: passes {@code gy} where the ReLU's input was positive, 0 elsewhere,
 * in one pass (PyTorch's {@code threshold_backward}). It is linear in {@code gy} with the input a
 * constant, so its own gradient is the same gate applied to the upstream gradient.
 */
public final class ReluBackward extends Function {
  private final Tensor reluInput;

  /**
   * @param reluInput the input of the ReLU whose gradient this is
   */
  public ReluBackward(Tensor reluInput) {
    this.reluInput = reluInput;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].passWherePositive(reluInput);
  }

  @Override
  protected Variable[] backward(Variable upstream) {
    return new Variable[] {new ReluBackward(reluInput).apply(upstream)};
  }
}
