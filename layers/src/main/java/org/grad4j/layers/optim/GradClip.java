package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.grad4j.autograd.Variable;
import org.grad4j.layers.Parameter;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}.
 * Parameters without a gradient are skipped.
 *
 * <p>A gradient tensor is never written in place: backward passes may share one tensor between
 * several gradients or with the seed passed to backward. A clipped gradient is a new tensor set
 * with {@link Variable#setGrad}.
 */
public final class GradClip {
  private GradClip() {}

  /**
   * Scales all gradients by one factor so that their joint L2 norm (as if concatenated into one
   * vector) is at most about {@code maxNorm}: the factor is {@code min(1, maxNorm / (norm +
   * 1e-6))}, as in PyTorch. Gradients are left as they are when the factor is 1.
   *
   * @return the joint norm before clipping (0 when no parameter has a gradient)
   * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN
   */
  public static double clipGradNorm(List<Parameter> params, double maxNorm) {
    checkArgument(maxNorm >= 0, "clipGradNorm: maxNorm must be >= 0, got %s", maxNorm);
    // PyTorch takes the norm of the per-gradient norms: sqrt(Σ_i ‖g_i‖²).
    double sumOfSquares = 0;
    for (Parameter p : params) {
      if (p.grad() != null) {
        double n = p.grad().data().norm();
        sumOfSquares += n * n;
      }
    }
    double total = Math.sqrt(sumOfSquares);
    double coef = Math.min(maxNorm / (total + 1e-6), 1.0);
    if (coef != 1.0) {
      for (Parameter p : params) {
        if (p.grad() != null) {
          p.setGrad(p.grad().data().mul(coef));
        }
      }
    }
    return total;
  }

  /**
   * Clamps every gradient element to {@code [-clip, clip]}.
   *
   * @throws IllegalArgumentException if {@code clip} is negative or NaN
   */
  public static void clipGradValue(List<Parameter> params, double clip) {
    checkArgument(clip >= 0, "clipGradValue: clip must be >= 0, got %s", clip);
    for (Parameter p : params) {
      if (p.grad() != null) {
        p.setGrad(p.grad().data().map(x -> Math.min(Math.max(x, -clip), clip)));
      }
    }
  }
}
