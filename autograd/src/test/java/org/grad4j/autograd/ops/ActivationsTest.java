package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.grad4j.autograd.ops.OpsTesting.assertValues;
import static org.grad4j.autograd.ops.OpsTesting.randn;
import static org.grad4j.core.CoreAssertions.assertIllegalArgument;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** relu, leakyRelu, sigmoid, tanh, softmax and logSoftmax. */
class ActivationsTest {
  private static final double LN3 = Math.log(3);

  // ---------------------------------------------------------------- hand-checked values

  @Test
  void reluValuesAndZeroGradientAtZero() {
    Variable x = row(-2, 0, 3, Double.NEGATIVE_INFINITY);
    Variable y = F.relu(x);
    assertValues(y, 0, 0, 3, 0);
    F.sum(y).backward();
    assertValues(x.grad(), 0, 0, 1, 0);
  }

  @Test
  void leakyReluValuesAndSlopeGradientAtZero() {
    Variable x = row(-2, 0, 3);
    Variable y = F.leakyRelu(x, 0.1);
    assertValues(y, -0.2, 0, 3);
    F.sum(y).backward();
    assertValues(x.grad(), 0.1, 0.1, 1);
  }

  @Test
  void sigmoidValuesStayFiniteForHugeInputs() {
    // σ(ln 3) = 3/4, σ'(x) = σ(1 - σ): 3/16 at ln 3, 1/4 at 0; 0 (not NaN) at ±1000.
    Variable x = row(0, LN3, -LN3, 1000, -1000);
    Variable y = F.sigmoid(x);
    assertValues(y, 0.5, 0.75, 0.25, 1, 0);
    F.sum(y).backward();
    assertValues(x.grad(), 0.25, 0.1875, 0.1875, 0, 0);
  }

  @Test
  void tanhValues() {
    // tanh(ln 2) = (4 - 1) / (4 + 1) = 0.6, derivative 1 - 0.36.
    Variable x = row(0, Math.log(2), -Math.log(2), 1000);
    Variable y = F.tanh(x);
    assertValues(y, 0, 0.6, -0.6, 1);
    F.sum(y).backward();
    assertValues(x.grad(), 1, 0.64, 0.64, 0);
  }

  @Test
  void softmaxOfLogitsOneLn3ApartIsAQuarterAndThreeQuarters() {
    // softmax([0, ln 3]) = [1/4, 3/4], unchanged by a shift of 1000; with gy = [1, 0] the
    // gradient s ⊙ (gy - <gy, s>) is [1/4 · 3/4, -3/4 · 1/4].
    for (double shift : new double[] {0, 1000, -1000}) {
      Variable x = new Variable(Tensor.of(new double[] {shift, shift + LN3}, 1, 2), true);
      Variable y = F.softmax(x, 1);
      assertValues(y, 0.25, 0.75);
      y.backward(Tensor.of(new double[] {1, 0}, 1, 2));
      assertValues(x.grad(), 0.1875, -0.1875);
    }
  }

  @Test
  void logSoftmaxAlongAxisZeroOfAColumn() {
    // log softmax([1000, 1000 + ln 3]) = [ln 1/4, ln 3/4]; its gradient for gy = [1, 1] is
    // gy - softmax · sum(gy) = [1 - 2/4, 1 - 6/4].
    Variable x = new Variable(Tensor.of(new double[] {1000, 1000 + LN3}, 2, 1), true);
    Variable y = F.logSoftmax(x, 0);
    assertValues(y, Math.log(0.25), Math.log(0.75));
    F.sum(y).backward();
    assertValues(x.grad(), 0.5, -0.5);
  }

  // ---------------------------------------------------------------- gradient checks

  /** The ops with continuous second derivatives. */
  static Stream<Arguments> smooth() {
    return Stream.of(
        Arguments.of("sigmoid", (GradCheck.Fn) xs -> F.sigmoid(xs[0])),
        Arguments.of("tanh", (GradCheck.Fn) xs -> F.tanh(xs[0])),
        Arguments.of("softmax axis 1", (GradCheck.Fn) xs -> F.softmax(xs[0], 1)),
        Arguments.of("softmax axis -1", (GradCheck.Fn) xs -> F.softmax(xs[0], -1)),
        Arguments.of("softmax axis 0", (GradCheck.Fn) xs -> F.softmax(xs[0], 0)),
        Arguments.of("logSoftmax axis 1", (GradCheck.Fn) xs -> F.logSoftmax(xs[0], 1)),
        Arguments.of("logSoftmax axis -1", (GradCheck.Fn) xs -> F.logSoftmax(xs[0], -1)));
  }

  /** Every op; random normal inputs are never exactly at relu's kink. */
  static Stream<Arguments> all() {
    return Stream.concat(
        Stream.of(
            Arguments.of("relu", (GradCheck.Fn) xs -> F.relu(xs[0])),
            Arguments.of("leakyRelu", (GradCheck.Fn) xs -> F.leakyRelu(xs[0], 0.05))),
        smooth());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void gradientsMatchFiniteDifferences(String name, GradCheck.Fn fn) {
    GradCheck.DEFAULT.assertGradients(fn, randn(new Rng(11), 2, 3, 2, 4));
    GradCheck.DEFAULT.assertGradients(fn, randn(new Rng(12), 3, 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smooth")
  void secondDerivativesMatchFiniteDifferences(String name, GradCheck.Fn fn) {
    GradCheck.DEFAULT.assertSecondOrder(fn, randn(new Rng(13), 2, 3, 2, 2));
  }

  @Test
  void softmaxGradientsForLargeLogits() {
    Variable x = new Variable(Tensor.randn(new Rng(14), 3, 4).mul(3).add(1000), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.softmax(xs[0], 1), x);
    GradCheck.DEFAULT.assertGradients(xs -> F.logSoftmax(xs[0], 1), x);
  }

  // ---------------------------------------------------------------- PyTorch reference

  private static final Map<String, BiFunction<Case, Variable, Variable>> OPS =
      Map.of(
          "relu", (c, x) -> F.relu(x),
          "leaky_relu", (c, x) -> F.leakyRelu(x, c.doubleParam("slope")),
          "sigmoid", (c, x) -> F.sigmoid(x),
          "tanh", (c, x) -> F.tanh(x),
          "softmax", (c, x) -> F.softmax(x, c.intParam("axis")),
          "log_softmax", (c, x) -> F.logSoftmax(x, c.intParam("axis")));

  static Stream<Arguments> referenceCases() {
    return OpsTesting.referenceCases(OPS.keySet().stream().sorted().toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("referenceCases")
  void matchesPyTorch(String family, Case c) {
    Variable x = new Variable(c.tensor("x"), true);
    Variable y = OPS.get(family).apply(c, x);
    assertClose(c.name(), "y", c.tensor("y"), y.data());
    y.backward(c.tensor("gy"));
    assertClose(c.name(), "dx", c.tensor("dx"), x.grad().data());
  }

  // ---------------------------------------------------------------- bad input

  @Test
  void badInputNamesTheOpAndTheShape() {
    Variable x = new Variable(Tensor.zeros(2, 3));
    assertIllegalArgument(() -> F.softmax(x, 2), "softmax", "axis 2", "(2,3)");
    assertIllegalArgument(() -> F.logSoftmax(x, -3), "logSoftmax", "axis -3", "(2,3)");
    assertIllegalArgument(() -> F.leakyRelu(x, Double.NaN), "leakyRelu", "slope", "NaN");
  }

  // ---------------------------------------------------------------- helpers

  private static Variable row(double... values) {
    return new Variable(Tensor.of(values, values.length), true);
  }
}
