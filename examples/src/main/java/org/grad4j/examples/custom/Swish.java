package org.grad4j.examples.custom;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Function;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * Swish (also called SiLU), {@code x · sigmoid(x)} elementwise: an op defined outside grad4j, and
 * the template to copy for your own.
 *
 * <ol>
 *   <li>{@link #forward} computes the output from plain tensors and never modifies them.
 *   <li>{@link #backward} returns the gradient of each input, written with Variable ops ({@link F})
 *       from the input Variables: a backward pass run with {@code BackwardOption.CREATE_GRAPH} then
 *       records it, and the op has second derivatives too.
 *   <li>A static method gives users the verb, since a {@code Function} instance is applied once.
 *   <li>Its test ({@code SwishTest}) checks a value computed by hand, {@code GradCheck} of the
 *       first and second derivatives, and an independent formula. {@code grad4j swish-demo} runs
 *       the gradient checks.
 * </ol>
 *
 * <pre>{@code
 * Variable y = Swish.swish(x);
 * GradCheck.DEFAULT.assertGradients(xs -> Swish.swish(xs[0]), x);
 * GradCheck.DEFAULT.assertSecondOrder(xs -> Swish.swish(xs[0]), x);
 * }</pre>
 */
public final class Swish extends Function {
  /** {@code x · sigmoid(x)} elementwise. */
  public static Variable swish(Variable x) {
    return new Swish().apply(x);
  }

  @Override
  protected Tensor forward(Tensor... in) {
    return in[0].map(Swish::value);
  }

  /** Evaluated so that {@code exp} only sees {@code -|x|} and never overflows. */
  private static double value(double x) {
    double e = Math.exp(-Math.abs(x));
    double sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e);
    return x * sigmoid;
  }

  /**
   * {@code d/dx x·σ(x) = σ(x) · (1 + x·(1 − σ(x)))}. σ is recomputed from the input Variable rather
   * than kept from the forward pass as a tensor: to a second backward pass a saved tensor is a
   * constant, and the second derivative would lose the terms that come through σ.
   */
  @Override
  protected Variable[] backward(Variable gy) {
    Variable x = input(0);
    Variable s = F.sigmoid(x);
    Variable slope = F.mul(s, F.add(F.mul(x, F.add(F.neg(s), 1.0)), 1.0));
    return new Variable[] {F.mul(gy, slope)};
  }
}
