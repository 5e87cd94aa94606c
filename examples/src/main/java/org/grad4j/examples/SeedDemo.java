package org.grad4j.examples;

import java.io.PrintStream;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Tensor;
import picocli.CommandLine.Command;

/**
 * Reproduces the seed notebook: {@code x = arange(96)} as (2,3,4,4), {@code w = arange(54)} as
 * (2,3,3,3), zero bias, stride 1, no padding; prints {@code y}, then back-propagates a gradient of
 * ones and prints the gradients.
 */
@Command(
    name = "seed-demo",
    mixinStandardHelpOptions = true,
    description = "Reproduce the seed notebook's im2col convolution, forward and backward.")
public final class SeedDemo implements Runnable {
  @Override
  public void run() {
    print(System.out);
  }

  static void print(PrintStream out) {
    Variable x = new Variable(Tensor.arange(96).reshape(2, 3, 4, 4), true).named("x");
    Variable w = new Variable(Tensor.arange(54).reshape(2, 3, 3, 3), true).named("w");
    Variable b = new Variable(Tensor.zeros(2), true).named("b");

    Variable y = F.conv2d(x, w, b, ConvGeometry.of(3, 1, 0));
    y.backward(Tensor.ones(y.shape()));

    out.println("y = conv2d(x, w, b), stride 1, padding 0: shape " + y.shape());
    out.println(y.data());
    out.println();
    out.println("x.grad (upstream gradient of ones): shape " + x.shape());
    out.println(x.grad().data());
    out.println();
    out.println("w.grad: shape " + w.shape());
    out.println(w.grad().data());
    out.println();
    out.println("b.grad: shape " + b.shape());
    out.println(b.grad().data());
    out.println();
    out.println(
        "The notebook printed a (2,3,2,2) backward result: that is the top-left corner of the"
            + " true (2,3,4,4) gradient above, a stale print; its own code gives the full array.");
  }
}
