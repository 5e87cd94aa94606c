package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** Reorders axes: output axis {@code i} is input axis {@code order[i]}. */
public final class Permute extends Function {
  private final int[] order;

  public Permute(int... order) {
    this.order = order.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].permute(order);
  }

  /** The inverse permutation sends each axis back where it came from. */
  @Override
  protected Variable[] backward(Variable gy) {
    int[] inverse = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      inverse[Math.floorMod(order[i], order.length)] = i;
    }
    return new Variable[] {F.permute(gy, inverse)};
  }
}
