package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.grad4j.autograd.F;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code conv2d} forward and backward against PyTorch's numbers in {@code /reference/conv2d.txt}
 * (written by {@code make_reference.py} beside it).
 */
class Conv2dReferenceTest {
  static List<Case> cases() {
    return ReferenceCases.load("/reference/conv2d.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(Case c) {
    ConvGeometry geometry =
        new ConvGeometry(
            c.intParam("kh"),
            c.intParam("kw"),
            c.intParam("sh"),
            c.intParam("sw"),
            c.intParam("ph"),
            c.intParam("pw"),
            c.intParam("dh"),
            c.intParam("dw"));
    boolean hasBias = c.intParam("bias") == 1;
    Variable x = new Variable(c.tensor("x"), true);
    Variable w = new Variable(c.tensor("w"), true);
    Variable b = hasBias ? new Variable(c.tensor("b"), true) : null;

    Variable y = F.conv2d(x, w, b, geometry);
    assertClose(c.name(), "y", c.tensor("y"), y.data());

    y.backward(c.tensor("gy"));
    assertClose(c.name(), "dx", c.tensor("dx"), gradData(x));
    assertClose(c.name(), "dw", c.tensor("dw"), gradData(w));
    if (hasBias) {
      assertClose(c.name(), "db", c.tensor("db"), gradData(b));
    } else {
      assertFalse(c.hasTensor("b") || c.hasTensor("db"), "param bias 0 but b or db is stored");
    }
  }

  private static Tensor gradData(Variable v) {
    return v.grad() == null ? null : v.grad().data();
  }
}
