package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Indexing;
import org.grad4j.core.Tensor;

/** Joins its inputs along one axis, as {@code torch.cat}. */
public final class Concat extends Function {
  private final int axis;

  public Concat(int axis) {
    this.axis = axis;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return Indexing.concat(axis, in);
  }

  /** Each input gets the slice of gy it was copied to. */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable[] grads = new Variable[inputCount()];
    int offset = 0;
    for (int i = 0; i < grads.length; i++) {
      int length = input(i).shape().dim(axis);
      if (needsInputGrad(i)) {
        grads[i] = F.slice(gy, axis, offset, offset + length);
      }
      offset += length;
    }
    return grads;
  }
}
