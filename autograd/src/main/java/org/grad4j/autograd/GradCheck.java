package org.grad4j.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;

/**
 * Checks analytic gradients against central finite differences in float64, as PyTorch's {@code
 * gradcheck}.
 *
 * <p>The function's output {@code y} is reduced to the scalar {@code s = sum(y * r)} with a fixed
 * random {@code r}, so one backward pass gives {@code ds/dx} for every input. Each input element
 * {@code x_j} is then perturbed by {@code ±eps}, and the numeric derivative {@code (s(x+eps) -
 * s(x-eps)) / 2eps} must agree with the analytic one: {@code |analytic - numeric| <= atol + rtol *
 * |numeric|}. Only inputs that require grad are checked.
 *
 * <pre>{@code
 * GradCheck.DEFAULT.assertGradients(xs -> F.mul(xs[0], xs[1]), a, b);
 * GradCheck.DEFAULT.assertSecondOrder(xs -> F.mul(xs[0], xs[1]), a, b);
 * }</pre>
 *
 * @param eps the finite-difference step
 * @param atol absolute tolerance
 * @param rtol relative tolerance
 * @param seed seeds the projection vectors
 */
public record GradCheck(double eps, double atol, double rtol, long seed) {
  /** PyTorch's defaults: eps 1e-6, atol 1e-5, rtol 1e-3. */
  public static final GradCheck DEFAULT = new GradCheck(1e-6, 1e-5, 1e-3, 42);

  public GradCheck {
    checkArgument(eps > 0, "GradCheck: eps must be positive, got %s", eps);
    checkArgument(atol >= 0 && rtol >= 0, "GradCheck: tolerances must not be negative");
  }

  /** A function of Variables under test. */
  @FunctionalInterface
  public interface Fn {
    Variable apply(Variable... inputs);
  }

  /**
   * The worst element of a check: which input and index, the analytic and numeric derivative, and
   * how far past the tolerance it is ({@code ratio <= 1} passes).
   */
  public record Report(
      boolean passed,
      int checkedElements,
      int input,
      int[] index,
      double analytic,
      double numeric,
      double ratio) {
    @Override
    public String toString() {
      if (input < 0) {
        return "gradcheck: no element to check";
      }
      return String.format(
          "gradcheck %s: %d elements; worst at input %d index %s: analytic %.10g, numeric %.10g"
              + " (|diff| / tolerance = %.3g)",
          passed ? "passed" : "FAILED",
          checkedElements,
          input,
          Arrays.toString(index),
          analytic,
          numeric,
          ratio);
    }
  }

  /** Compares the first derivatives of {@code fn} at {@code inputs}. */
  public Report check(Fn fn, Variable... inputs) {
    Rng rng = new Rng(seed);
    Tensor projection = Tensor.randn(rng, evaluate(fn, inputs).shape().dims());
    Fn scalar = xs -> F.sum(F.mul(fn.apply(xs), new Variable(projection)));
    Variable[] live = fresh(inputs);
    List<Variable> wrt = requiringGrad(live);
    Variable s = scalar.apply(live);
    // An output no recorded op connects to the inputs has, as far as the graph knows, zero
    // gradient.
    List<Variable> analytic =
        s.requiresGrad() ? Autograd.grad(s, wrt) : wrt.stream().map(GradCheck::zerosLike).toList();

    int worstInput = -1;
    int worstIndex = -1;
    double worstAnalytic = 0;
    double worstNumeric = 0;
    double worstRatio = 0;
    int checked = 0;
    int k = 0;
    for (int i = 0; i < inputs.length; i++) {
      if (!inputs[i].requiresGrad()) {
        continue;
      }
      double[] values = inputs[i].data().toArray();
      double[] grad = analytic.get(k++).data().toArray();
      for (int j = 0; j < values.length; j++) {
        double numeric =
            (evaluateWith(scalar, inputs, i, values, j, eps)
                    - evaluateWith(scalar, inputs, i, values, j, -eps))
                / (2 * eps);
        double ratio = Math.abs(grad[j] - numeric) / (atol + rtol * Math.abs(numeric));
        if (Double.isNaN(ratio)) {
          ratio = Double.POSITIVE_INFINITY;
        }
        checked++;
        if (worstInput < 0 || ratio > worstRatio) {
          worstInput = i;
          worstIndex = j;
          worstAnalytic = grad[j];
          worstNumeric = numeric;
          worstRatio = ratio;
        }
      }
    }
    int[] index = worstInput < 0 ? new int[0] : inputs[worstInput].shape().unravel(worstIndex);
    return new Report(
        worstRatio <= 1.0, checked, worstInput, index, worstAnalytic, worstNumeric, worstRatio);
  }

  /**
   * Checks second derivatives: the gradient of {@code fn}, computed with {@link
   * BackwardOption#CREATE_GRAPH} and projected onto fixed random directions, is itself checked with
   * {@link #check}.
   */
  public Report checkSecondOrder(Fn fn, Variable... inputs) {
    Rng rng = new Rng(seed + 1);
    Tensor projection = Tensor.randn(rng, evaluate(fn, inputs).shape().dims());
    List<Tensor> directions = new ArrayList<>();
    for (Variable x : inputs) {
      directions.add(Tensor.randn(rng, x.shape().dims()));
    }
    Fn gradientDotDirections =
        xs -> {
          List<Variable> wrt = requiringGrad(xs);
          Variable s = F.sum(F.mul(fn.apply(xs), new Variable(projection)));
          List<Variable> grads = Autograd.grad(s, wrt, BackwardOption.CREATE_GRAPH);
          Variable total = null;
          int k = 0;
          for (int i = 0; i < xs.length; i++) {
            if (xs[i].requiresGrad()) {
              Variable term = F.sum(F.mul(grads.get(k++), new Variable(directions.get(i))));
              total = total == null ? term : F.add(total, term);
            }
          }
          return total;
        };
    return check(gradientDotDirections, inputs);
  }

  /** Like {@link #check}, but throws an {@link AssertionError} describing the worst element. */
  public void assertGradients(Fn fn, Variable... inputs) {
    Report report = check(fn, inputs);
    if (!report.passed()) {
      throw new AssertionError(report.toString());
    }
  }

  /** Like {@link #checkSecondOrder}, but throws an {@link AssertionError} on failure. */
  public void assertSecondOrder(Fn fn, Variable... inputs) {
    Report report = checkSecondOrder(fn, inputs);
    if (!report.passed()) {
      throw new AssertionError("second-order " + report);
    }
  }

  private static Tensor evaluate(Fn fn, Variable[] inputs) {
    return fn.apply(fresh(inputs)).data();
  }

  /** The scalar {@code fn} with element {@code j} of input {@code i} shifted by {@code delta}. */
  private static double evaluateWith(
      Fn scalar, Variable[] inputs, int i, double[] values, int j, double delta) {
    double[] shifted = values.clone();
    shifted[j] += delta;
    Variable[] xs = fresh(inputs);
    xs[i] = new Variable(Tensor.of(shifted, inputs[i].shape().dims()), inputs[i].requiresGrad());
    return scalar.apply(xs).item();
  }

  /** New leaves with the same data and flags, so checks never touch the caller's gradients. */
  private static Variable[] fresh(Variable[] inputs) {
    Variable[] out = new Variable[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      out[i] = new Variable(inputs[i].data(), inputs[i].requiresGrad());
    }
    return out;
  }

  private static Variable zerosLike(Variable x) {
    return new Variable(Tensor.zeros(x.shape()));
  }

  private static List<Variable> requiringGrad(Variable[] xs) {
    List<Variable> out = new ArrayList<>();
    for (Variable x : xs) {
      if (x.requiresGrad()) {
        out.add(x);
      }
    }
    return out;
  }
}
