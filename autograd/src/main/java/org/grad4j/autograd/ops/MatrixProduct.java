package org.grad4j.autograd.ops;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.MatMul;
import org.grad4j.core.Tensor;

/**
 * {@code op(a) · op(b)} for matrices, or stacks of matrices whose leading (batch) axes broadcast as
 * in NumPy, where {@code op} transposes the last two axes when its flag is set. The flags let the
 * backward products read their operands in place instead of transposing copies.
 */
public final class MatrixProduct extends Function {
  private final boolean transA;
  private final boolean transB;

  public MatrixProduct(boolean transA, boolean transB) {
    this.transA = transA;
    this.transB = transB;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return MatMul.multiplyBatched(in[0], transA, in[1], transB);
  }

  /**
   * With {@code Y = op(A)·op(B)}: {@code dop(A) = dY·op(B)ᵀ} and {@code dop(B) = op(A)ᵀ·dY}; a
   * transposed operand takes the transpose of that, which swaps the factors. A broadcast batch axis
   * sums its gradients.
   */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable a = input(0);
    Variable b = input(1);
    Variable ga = null;
    Variable gb = null;
    if (needsInputGrad(0)) {
      Variable product =
          transA
              ? new MatrixProduct(transB, true).apply(b, gy)
              : new MatrixProduct(false, !transB).apply(gy, b);
      ga = F.sumTo(product, a.shape());
    }
    if (needsInputGrad(1)) {
      Variable left = a;
      Variable grad = gy;
      if (!transA && a.shape().rank() > 2 && b.shape().rank() == 2) {
        // A stack times one matrix is one product of the stack's rows (as the forward runs it), so
        // dop(B) is one product of those rows too, instead of a product per matrix and their sum.
        int rows = a.shape().withDim(-1, 1).size();
        left = F.reshape(a, rows, a.shape().dim(-1));
        grad = F.reshape(gy, rows, gy.shape().dim(-1));
      }
      Variable product =
          transB
              ? new MatrixProduct(true, transA).apply(grad, left)
              : new MatrixProduct(!transA, false).apply(left, grad);
      gb = F.sumTo(product, b.shape());
    }
    return new Variable[] {ga, gb};
  }
}
