package org.grad4j.autograd;

import org.grad4j.autograd.ops.Add;
import org.grad4j.autograd.ops.BroadcastTo;
import org.grad4j.autograd.ops.Conv2d;
import org.grad4j.autograd.ops.Div;
import org.grad4j.autograd.ops.MatrixProduct;
import org.grad4j.autograd.ops.Mul;
import org.grad4j.autograd.ops.Neg;
import org.grad4j.autograd.ops.Permute;
import org.grad4j.autograd.ops.Reshape;
import org.grad4j.autograd.ops.Sub;
import org.grad4j.autograd.ops.Sum;
import org.grad4j.autograd.ops.SumTo;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The differentiable ops, as static verbs (like PyTorch's {@code torch.nn.functional}). Every op
 * records itself on the graph when grad mode is on and an input requires grad.
 */
public final class F {
  private F() {}

  // ---------------------------------------------------------------- arithmetic (broadcasting)

  public static Variable add(Variable a, Variable b) {
    return new Add().apply(a, b);
  }

  public static Variable add(Variable a, double b) {
    return add(a, constant(b));
  }

  public static Variable sub(Variable a, Variable b) {
    return new Sub().apply(a, b);
  }

  public static Variable sub(Variable a, double b) {
    return sub(a, constant(b));
  }

  public static Variable mul(Variable a, Variable b) {
    return new Mul().apply(a, b);
  }

  public static Variable mul(Variable a, double b) {
    return mul(a, constant(b));
  }

  public static Variable div(Variable a, Variable b) {
    return new Div().apply(a, b);
  }

  public static Variable div(Variable a, double b) {
    return div(a, constant(b));
  }

  public static Variable neg(Variable x) {
    return new Neg().apply(x);
  }

  private static Variable constant(double value) {
    return new Variable(Tensor.scalar(value));
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, as a scalar. */
  public static Variable sum(Variable x) {
    return new Sum(false).apply(x);
  }

  /** The sum over {@code axes}, keeping them as size 1 when {@code keepDim}. */
  public static Variable sum(Variable x, boolean keepDim, int... axes) {
    return new Sum(keepDim, axes).apply(x);
  }

  /** The mean of all elements, as a scalar. */
  public static Variable mean(Variable x) {
    return mul(sum(x), 1.0 / x.data().size());
  }

  /** The mean over {@code axes}, keeping them as size 1 when {@code keepDim}. */
  public static Variable mean(Variable x, boolean keepDim, int... axes) {
    Variable s = sum(x, keepDim, axes);
    return mul(s, (double) s.data().size() / x.data().size());
  }

  // ---------------------------------------------------------------- shapes

  /** The same values in a new shape; one dimension may be -1. */
  public static Variable reshape(Variable x, int... dims) {
    return reshape(x, x.data().reshape(dims).shape());
  }

  public static Variable reshape(Variable x, Shape shape) {
    return x.shape().equals(shape) ? x : new Reshape(shape).apply(x);
  }

  /** Repeats {@code x} along broadcast axes to {@code shape}, by NumPy's rules. */
  public static Variable broadcastTo(Variable x, Shape shape) {
    return x.shape().equals(shape) ? x : new BroadcastTo(shape).apply(x);
  }

  /** Sums {@code x} down to {@code shape}, undoing a broadcast. */
  public static Variable sumTo(Variable x, Shape shape) {
    return x.shape().equals(shape) ? x : new SumTo(shape).apply(x);
  }

  /** Reorders axes: output axis {@code i} is input axis {@code order[i]}. */
  public static Variable permute(Variable x, int... order) {
    return new Permute(order).apply(x);
  }

  /** The transpose of a matrix. */
  public static Variable transpose(Variable x) {
    return permute(x, 1, 0);
  }

  // ---------------------------------------------------------------- linear algebra

  /** The matrix product {@code a · b} of two matrices. */
  public static Variable matmul(Variable a, Variable b) {
    return new MatrixProduct(false, false).apply(a, b);
  }

  // ---------------------------------------------------------------- convolution

  /** 2-d convolution of {@code x (N,Cin,H,W)} with {@code w (Cout,Cin,kh,kw)}, no bias. */
  public static Variable conv2d(Variable x, Variable w, ConvGeometry geometry) {
    return new Conv2d(geometry).apply(x, w);
  }

  /**
   * 2-d convolution of {@code x (N,Cin,H,W)} with {@code w (Cout,Cin,kh,kw)} plus bias {@code b
   * (Cout,)}; {@code b} may be {@code null}.
   */
  public static Variable conv2d(Variable x, Variable w, Variable b, ConvGeometry geometry) {
    return b == null ? conv2d(x, w, geometry) : new Conv2d(geometry).apply(x, w, b);
  }
}
