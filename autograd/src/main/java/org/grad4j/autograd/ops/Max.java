package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * The maximum over some axes (all when none are given), optionally keeping them as size 1, as
 * PyTorch's {@code amax}: where several elements tie for the maximum, they share the gradient
 * equally.
 */
public final class Max extends Function {
  private final boolean keepDim;
  private final int[] axes;

  public Max(boolean keepDim, int... axes) {
    this.keepDim = keepDim;
    this.axes = axes.clone();
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].max(keepDim, axes);
  }

  /**
   * {@code dx = gy * [x == max] / count}, with {@code count} the number of maxima in the reduced
   * slice; the share is a constant of the graph, so the backward is linear in gy.
   */
  @Override
  protected Variable[] backward(Variable gy) {
    Tensor x = input(0).data();
    Tensor max = output().data().reshape(x.reducedShape("max", true, axes));
    Tensor isMax = x.zip(max, (v, m) -> v == m ? 1.0 : 0.0, "max");
    Tensor share = isMax.div(isMax.sum(true, axes));
    Variable kept = F.reshape(gy, max.shape());
    return new Variable[] {F.mul(kept, new Variable(share))};
  }
}
