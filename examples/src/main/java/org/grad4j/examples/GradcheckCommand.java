package org.grad4j.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link GradCheck} on every differentiable op over a few shapes and geometries and prints one
 * row per op: cases, the worst element's ratio of error to tolerance, pass or fail.
 */
@Command(
    name = "gradcheck",
    mixinStandardHelpOptions = true,
    description = "Check every op's gradients against finite differences and print a table.")
final class GradcheckCommand implements Callable<Integer> {
  @Option(
      names = "--second-order",
      description = "Also check second derivatives (the gradient of the gradient).")
  boolean secondOrder;

  /** One op under test with its input shapes: each case draws fresh random inputs. */
  private record OpCase(String op, GradCheck.Fn fn, int[][] shapes) {}

  private static int[][] shapes(int[]... shapes) {
    return shapes;
  }

  private static List<OpCase> cases() {
    List<OpCase> cases = new ArrayList<>();
    int[] labels = {0, 2, 1};
    add(cases, "add", xs -> F.add(xs[0], xs[1]), shapes(new int[] {2, 3}, new int[] {3}));
    add(cases, "sub", xs -> F.sub(xs[0], xs[1]), shapes(new int[] {2, 1}, new int[] {1, 3}));
    add(cases, "mul", xs -> F.mul(xs[0], xs[1]), shapes(new int[] {2, 3}, new int[] {2, 3}));
    add(
        cases,
        "div",
        xs -> F.div(xs[0], F.add(F.mul(xs[1], xs[1]), 1.0)),
        shapes(new int[] {3}, new int[] {3}));
    add(cases, "pow", xs -> F.pow(F.add(F.mul(xs[0], xs[0]), 0.5), 1.5), shapes(new int[] {4}));
    add(cases, "exp", xs -> F.exp(xs[0]), shapes(new int[] {2, 2}));
    add(cases, "log", xs -> F.log(F.add(F.mul(xs[0], xs[0]), 0.5)), shapes(new int[] {4}));
    add(cases, "sqrt", xs -> F.sqrt(F.add(F.mul(xs[0], xs[0]), 0.5)), shapes(new int[] {4}));
    add(cases, "sum/mean", xs -> F.mean(F.sum(xs[0], true, 1), false, 0), shapes(new int[] {3, 4}));
    add(cases, "max", xs -> F.max(xs[0], false, 1), shapes(new int[] {3, 5}));
    add(cases, "logsumexp", xs -> F.logsumexp(xs[0], 1, false), shapes(new int[] {3, 5}));
    add(
        cases,
        "matmul",
        xs -> F.matmul(xs[0], xs[1]),
        shapes(new int[] {2, 3, 4}, new int[] {4, 2}));
    add(
        cases,
        "linear",
        xs -> F.linear(xs[0], xs[1], xs[2]),
        shapes(new int[] {3, 4}, new int[] {2, 4}, new int[] {2}));
    add(
        cases,
        "concat/slice",
        xs -> F.slice(F.concat(1, xs[0], xs[1]), 1, 1, 4),
        shapes(new int[] {2, 2}, new int[] {2, 3}));
    add(cases, "gather", xs -> F.gather(xs[0], labels), shapes(new int[] {3, 4}));
    add(cases, "sigmoid", xs -> F.sigmoid(xs[0]), shapes(new int[] {5}));
    add(cases, "tanh", xs -> F.tanh(xs[0]), shapes(new int[] {5}));
    add(cases, "softmax", xs -> F.softmax(xs[0], 1), shapes(new int[] {3, 4}));
    add(cases, "logSoftmax", xs -> F.logSoftmax(xs[0], 1), shapes(new int[] {3, 4}));
    add(
        cases,
        "crossEntropy",
        xs -> F.crossEntropy(xs[0], labels, Reduction.MEAN, 0.1),
        shapes(new int[] {3, 4}));
    add(cases, "mse", xs -> F.mse(xs[0], xs[1]), shapes(new int[] {3, 2}, new int[] {3, 2}));
    add(
        cases,
        "bceWithLogits",
        xs -> F.bceWithLogits(xs[0], F.sigmoid(xs[1])),
        shapes(new int[] {4}, new int[] {4}));
    for (ConvGeometry g :
        List.of(
            ConvGeometry.of(3, 1, 1),
            ConvGeometry.of(3, 2, 0),
            ConvGeometry.kernel(2, 3).withDilation(2, 1),
            ConvGeometry.of(1, 1, 0))) {
      add(
          cases,
          "conv2d",
          xs -> F.conv2d(xs[0], xs[1], xs[2], g),
          shapes(
              new int[] {2, 2, 6, 5}, new int[] {3, 2, g.kernelH(), g.kernelW()}, new int[] {3}));
    }
    // Pooling is linear in its input: squaring makes its second derivative non-trivial.
    List<ConvGeometry> pools = List.of(ConvGeometry.of(2, 2, 0), ConvGeometry.of(3, 2, 1));
    for (ConvGeometry g : pools) {
      add(cases, "maxPool2d", xs -> square(F.maxPool2d(xs[0], g)), shapes(new int[] {2, 2, 6, 5}));
    }
    for (ConvGeometry g : pools) {
      add(
          cases,
          "avgPool2d",
          xs -> square(F.avgPool2d(xs[0], g, false)),
          shapes(new int[] {2, 2, 6, 5}));
    }
    add(
        cases,
        "batchNorm2d",
        xs -> F.batchNorm2d(xs[0], xs[1], xs[2], null, null, true, 0.1, 1e-5),
        shapes(new int[] {3, 2, 3, 3}, new int[] {2}, new int[] {2}));
    return cases;
  }

  private static Variable square(Variable x) {
    return F.mul(x, x);
  }

  private static void add(List<OpCase> cases, String op, GradCheck.Fn fn, int[][] shapes) {
    cases.add(new OpCase(op, fn, shapes));
  }

  @Override
  public Integer call() {
    Rng rng = new Rng(0);
    String title = secondOrder ? "second derivatives" : "first derivatives";
    System.out.printf("GradCheck of every op (%s), float64 central differences%n", title);
    System.out.printf(
        "%-14s %6s %10s %22s  %s%n", "op", "cases", "elements", "worst |err|/tolerance", "result");
    boolean allPassed = true;
    List<OpCase> cases = cases();
    for (int i = 0; i < cases.size(); ) {
      String op = cases.get(i).op();
      int count = 0;
      long elements = 0;
      double worst = 0;
      for (; i < cases.size() && cases.get(i).op().equals(op); i++) {
        OpCase c = cases.get(i);
        Variable[] inputs = new Variable[c.shapes().length];
        for (int k = 0; k < inputs.length; k++) {
          inputs[k] = new Variable(Tensor.randn(rng, c.shapes()[k]), true);
        }
        GradCheck.Report report =
            secondOrder
                ? GradCheck.DEFAULT.checkSecondOrder(c.fn(), inputs)
                : GradCheck.DEFAULT.check(c.fn(), inputs);
        count++;
        elements += report.checkedElements();
        worst = Math.max(worst, report.ratio());
      }
      boolean passed = worst <= 1.0;
      allPassed &= passed;
      System.out.printf(
          "%-14s %6d %10d %22.3g  %s%n", op, count, elements, worst, passed ? "pass" : "FAIL");
    }
    return allPassed ? 0 : 1;
  }
}
