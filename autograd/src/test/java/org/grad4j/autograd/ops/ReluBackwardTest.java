package org.grad4j.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.grad4j.autograd.BackwardOption;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class ReluBackwardTest {
  @Test
  void gatesTheGradientByTheSignOfTheInput() {
    Variable x = new Variable(Tensor.of(new double[] {-1.5, 0.0, 2.0, 3.0}, 4), true);
    Variable y = F.relu(x);
    y.backward(Tensor.of(new double[] {10, 20, 30, 40}, 4));
    assertArrayEquals(new double[] {0, 0, 30, 40}, x.grad().data().toArray(), 0.0);
  }

  @Test
  void theGateIsDifferentiableAgain() {
    // relu(x)² has second derivative 2 where x > 0 and 0 where x < 0; the path runs through
    // ReluBackward's own backward.
    Variable x = new Variable(Tensor.of(new double[] {-1.5, -0.4, 0.7, 2.0}, 4), true);
    GradCheck.DEFAULT.assertSecondOrder(xs -> F.mul(F.relu(xs[0]), F.relu(xs[0])), x);
    Variable y = F.sum(F.mul(F.relu(x), F.relu(x)));
    y.backward(BackwardOption.CREATE_GRAPH);
    Variable g = x.grad();
    x.zeroGrad();
    F.sum(g).backward();
    assertArrayEquals(new double[] {0, 0, 2, 2}, x.grad().data().toArray(), 1e-12);
  }
}
