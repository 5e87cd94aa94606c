package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/** The sum over some axes (all when none are given), optionally keeping them as size 1. */
public final class Sum extends Function {
  private final boolean keepDim;
  private final int[] axes;

  public Sum(boolean keepDim, int... axes) {
    this.keepDim = keepDim;
    this.axes = axes.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].sum(keepDim, axes);
  }

  /** Each input element contributed once: the gradient is gy repeated over the summed axes. */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable x = input(0);
    Variable kept = F.reshape(gy, x.data().reducedShape("sum", true, axes));
    return new Variable[] {F.broadcastTo(kept, x.shape())};
  }
}
