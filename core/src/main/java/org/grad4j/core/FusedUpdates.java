package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Fused elementwise parameter updates of first-order optimizers: one pass over the storage per
 * parameter, no temporary tensors. Each method modifies the parameter and its state buffers (named
 * in its Javadoc) and never the gradient.
 *
 * <p>The arithmetic follows PyTorch 1.13's single-tensor implementations operation by operation
 * (same operand order, same roundings), so results agree with {@code torch.optim} to a few ulps. A
 * {@code null} buffer switches its feature off.
 */
public final class FusedUpdates {
  private FusedUpdates() {}

  /**
   * One SGD step, as {@code torch.optim.SGD}: {@code d = g + weightDecay·p}; with a momentum buffer
   * {@code b = d} on the first step, else {@code b = momentum·b + (1 - dampening)·d}, then {@code d
   * = nesterov ? d + momentum·b : b}; finally {@code p = p - lr·d}.
   *
   * <p>Modifies {@code param} and {@code momentumBuffer}.
   *
   * @param momentumBuffer the buffer, or {@code null} without momentum
   * @param firstStep whether this is the parameter's first update (the buffer is then set to d)
   */
  public static void sgdInPlace(
      Tensor param,
      Tensor grad,
      Tensor momentumBuffer,
      boolean firstStep,
      double lr,
      double momentum,
      double dampening,
      double weightDecay,
      boolean nesterov) {
    checkShapes("sgdInPlace", param, grad, momentumBuffer);
    double[] w = param.data;
    double[] g = grad.data;
    double[] b = momentumBuffer == null ? null : momentumBuffer.data;
    double keep = 1 - dampening;
    for (int i = 0; i < w.length; i++) {
      double p = w[i];
      double d = withWeightDecay(g[i], p, weightDecay);
      if (b != null) {
        double v = firstStep ? d : b[i] * momentum + keep * d;
        b[i] = v;
        d = nesterov ? d + momentum * v : v;
      }
      w[i] = p + -lr * d;
    }
  }

  /**
   * One Adam step, as {@code torch.optim.Adam} (L2 weight decay added to the gradient; pass 0 for
   * AdamW, which decays the parameter beforehand):
   *
   * <pre>
   * g = g + weightDecay·p
   * m = beta1·m + (1 - beta1)·g
   * v = beta2·v + (1 - beta2)·g·g
   * vmax = max(vmax, v)                         (AMSGrad; then v = vmax below)
   * p = p - stepSize·m / (sqrt(v) / biasCorrection2Sqrt + eps)
   * </pre>
   *
   * with {@code stepSize = lr / (1 - beta1^t)} and {@code biasCorrection2Sqrt = sqrt(1 - beta2^t)}.
   *
   * <p>Modifies {@code param}, {@code expAvg}, {@code expAvgSq} and {@code maxExpAvgSq}.
   *
   * @param maxExpAvgSq the running maximum of {@code v}, or {@code null} without AMSGrad
   */
  public static void adamInPlace(
      Tensor param,
      Tensor grad,
      Tensor expAvg,
      Tensor expAvgSq,
      Tensor maxExpAvgSq,
      double beta1,
      double beta2,
      double weightDecay,
      double eps,
      double stepSize,
      double biasCorrection2Sqrt) {
    checkShapes("adamInPlace", param, grad, expAvg, expAvgSq, maxExpAvgSq);
    double[] w = param.data;
    double[] g = grad.data;
    double[] m = expAvg.data;
    double[] v = expAvgSq.data;
    double[] vmax = maxExpAvgSq == null ? null : maxExpAvgSq.data;
    double c1 = 1 - beta1;
    double c2 = 1 - beta2;
    double negStep = -stepSize;
    for (int i = 0; i < w.length; i++) {
      double p = w[i];
      double gi = withWeightDecay(g[i], p, weightDecay);
      double mi = m[i] * beta1 + c1 * gi;
      m[i] = mi;
      double vi = v[i] * beta2 + c2 * gi * gi;
      v[i] = vi;
      if (vmax != null) {
        vi = Math.max(vmax[i], vi);
        vmax[i] = vi;
      }
      double denom = Math.sqrt(vi) / biasCorrection2Sqrt + eps;
      w[i] = p + negStep * mi / denom;
    }
  }

  /**
   * One RMSprop step, as {@code torch.optim.RMSprop}:
   *
   * <pre>
   * g = g + weightDecay·p
   * s = alpha·s + (1 - alpha)·g·g
   * a = alpha·a + (1 - alpha)·g;  avg = sqrt(s - a·a) + eps     (centered)
   *                                avg = sqrt(s) + eps           (otherwise)
   * b = momentum·b + g / avg;     p = p - lr·b                  (with a momentum buffer)
   *                                p = p - lr·g / avg            (otherwise)
   * </pre>
   *
   * <p>Modifies {@code param}, {@code squareAvg}, {@code gradAvg} and {@code momentumBuffer}.
   *
   * @param gradAvg the running mean of the gradient, or {@code null} when not centered
   * @param momentumBuffer the buffer, or {@code null} without momentum
   */
  public static void rmspropInPlace(
      Tensor param,
      Tensor grad,
      Tensor squareAvg,
      Tensor gradAvg,
      Tensor momentumBuffer,
      double lr,
      double alpha,
      double eps,
      double weightDecay,
      double momentum) {
    checkShapes("rmspropInPlace", param, grad, squareAvg, gradAvg, momentumBuffer);
    double[] w = param.data;
    double[] g = grad.data;
    double[] s = squareAvg.data;
    double[] a = gradAvg == null ? null : gradAvg.data;
    double[] b = momentumBuffer == null ? null : momentumBuffer.data;
    double c = 1 - alpha;
    double negLr = -lr;
    for (int i = 0; i < w.length; i++) {
      double p = w[i];
      double gi = withWeightDecay(g[i], p, weightDecay);
      double si = s[i] * alpha + c * gi * gi;
      s[i] = si;
      double avg;
      if (a != null) {
        double ai = a[i] * alpha + c * gi;
        a[i] = ai;
        avg = Math.sqrt(si - ai * ai);
      } else {
        avg = Math.sqrt(si);
      }
      avg = avg + eps;
      if (b != null) {
        double bi = b[i] * momentum + gi / avg;
        b[i] = bi;
        w[i] = p + negLr * bi;
      } else {
        w[i] = p + negLr * gi / avg;
      }
    }
  }

  /**
   * The gradient with L2 weight decay, {@code g + weightDecay·p}, as PyTorch adds it; {@code g}
   * itself when {@code weightDecay} is 0 (so an infinite or NaN parameter does not reach it).
   */
  private static double withWeightDecay(double g, double p, double weightDecay) {
    return weightDecay != 0 ? g + weightDecay * p : g;
  }

  /** Checks that every non-null tensor after the parameter has the parameter's shape. */
  private static void checkShapes(String op, Tensor param, Tensor... others) {
    for (Tensor t : others) {
      checkArgument(
          t == null || t.shape().equals(param.shape()),
          "%s: tensor of shape %s does not match the parameter's shape %s",
          op,
          t == null ? null : t.shape(),
          param.shape());
    }
  }
}
