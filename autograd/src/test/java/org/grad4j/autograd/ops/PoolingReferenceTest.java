package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;

import java.util.List;
import java.util.function.UnaryOperator;
import org.grad4j.autograd.F;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code maxPool2d}, {@code avgPool2d} and {@code globalAvgPool2d} forward and backward against
 * PyTorch's numbers in {@code /reference/{max_pool2d,avg_pool2d,adaptive_avg_pool2d}.txt} (written
 * by {@code families_pooling.py} beside them).
 */
class PoolingReferenceTest {
  static List<Case> maxCases() {
    return ReferenceCases.load("/reference/max_pool2d.txt");
  }

  static List<Case> avgCases() {
    return ReferenceCases.load("/reference/avg_pool2d.txt");
  }

  static List<Case> globalCases() {
    return ReferenceCases.load("/reference/adaptive_avg_pool2d.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maxCases")
  void maxPool2dMatchesPyTorch(Case c) {
    check(c, x -> F.maxPool2d(x, geometry(c)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("avgCases")
  void avgPool2dMatchesPyTorch(Case c) {
    check(c, x -> F.avgPool2d(x, geometry(c), c.intParam("cip") == 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("globalCases")
  void globalAvgPool2dMatchesAdaptiveAvgPool(Case c) {
    check(c, F::globalAvgPool2d);
  }

  private static ConvGeometry geometry(Case c) {
    return ConvGeometry.kernel(c.intParam("kh"), c.intParam("kw"))
        .withStride(c.intParam("sh"), c.intParam("sw"))
        .withPadding(c.intParam("ph"), c.intParam("pw"));
  }

  private static void check(Case c, UnaryOperator<Variable> pool) {
    Variable x = new Variable(c.tensor("x"), true);
    Variable y = pool.apply(x);
    assertClose(c.name(), "y", c.tensor("y"), y.data());
    y.backward(c.tensor("gy"));
    assertClose(c.name(), "dx", c.tensor("dx"), x.grad().data());
  }
}
