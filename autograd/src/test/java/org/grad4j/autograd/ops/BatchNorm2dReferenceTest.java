package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;

import java.util.List;
import org.grad4j.autograd.F;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code batchNorm2d} against PyTorch's {@code batch_norm} in {@code /reference/batch_norm.txt}
 * (written by {@code families_pooling.py} beside it): output, input/gamma/beta gradients, and the
 * running statistics after the call.
 */
class BatchNorm2dReferenceTest {
  static List<Case> cases() {
    return ReferenceCases.load("/reference/batch_norm.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(Case c) {
    boolean affine = c.intParam("affine") == 1;
    Variable x = new Variable(c.tensor("x"), true);
    Variable gamma = affine ? new Variable(c.tensor("gamma"), true) : null;
    Variable beta = affine ? new Variable(c.tensor("beta"), true) : null;
    Tensor runningMean = c.tensor("running_mean");
    Tensor runningVar = c.tensor("running_var");

    Variable y =
        F.batchNorm2d(
            x,
            gamma,
            beta,
            runningMean,
            runningVar,
            c.intParam("training") == 1,
            c.doubleParam("momentum"),
            c.doubleParam("eps"));
    assertClose(c.name(), "y", c.tensor("y"), y.data());
    assertClose(c.name(), "running_mean_after", c.tensor("running_mean_after"), runningMean);
    assertClose(c.name(), "running_var_after", c.tensor("running_var_after"), runningVar);

    y.backward(c.tensor("gy"));
    assertClose(c.name(), "dx", c.tensor("dx"), x.grad().data());
    if (affine) {
      assertClose(c.name(), "dgamma", c.tensor("dgamma"), gamma.grad().data());
      assertClose(c.name(), "dbeta", c.tensor("dbeta"), beta.grad().data());
    }
  }
}
