package org.grad4j.examples;

import java.util.concurrent.Callable;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.examples.custom.Swish;
import picocli.CommandLine.Command;

/** Shows a user-defined op at work: Swish's values and derivatives, then its gradient checks. */
@Command(
    name = "swish-demo",
    mixinStandardHelpOptions = true,
    description = {
      "Check Swish, x * sigmoid(x), a user-defined Function (org.grad4j.examples.custom.Swish, the"
          + " template for your own ops): its values and derivatives, then GradCheck of its first"
          + " and second derivatives against finite differences."
    })
final class SwishDemo implements Callable<Integer> {
  @Override
  public Integer call() {
    System.out.println("Swish(x) = x * sigmoid(x), defined in org.grad4j.examples.custom.Swish");
    Variable x = new Variable(Tensor.of(new double[] {-2, -1, 0, 1, 2}, 5), true);
    Variable y = Swish.swish(x);
    F.sum(y).backward();
    System.out.printf("%6s %12s %14s%n", "x", "swish(x)", "d swish / dx");
    for (int i = 0; i < x.data().size(); i++) {
      System.out.printf(
          "%6.1f %12.6f %14.6f%n", x.data().get(i), y.data().get(i), x.grad().data().get(i));
    }
    Variable input = new Variable(Tensor.randn(new Rng(0), 3, 4), true);
    GradCheck.Fn swish = xs -> Swish.swish(xs[0]);
    GradCheck.Report first = GradCheck.DEFAULT.check(swish, input);
    GradCheck.Report second = GradCheck.DEFAULT.checkSecondOrder(swish, input);
    System.out.println("on a random (3,4) input, float64 central differences:");
    System.out.println("first derivatives:  " + first);
    System.out.println("second derivatives: " + second);
    return first.passed() && second.passed() ? 0 : 1;
  }
}
