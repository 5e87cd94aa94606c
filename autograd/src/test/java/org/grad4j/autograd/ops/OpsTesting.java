package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.stream.Stream;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.params.provider.Arguments;

/** Leaf variables, value assertions and reference cases shared by the op tests. */
final class OpsTesting {
  private OpsTesting() {}

  /**
   * The PyTorch reference cases of {@code families}, in order, each as the arguments {@code
   * (family, case)} of a parameterized test; family {@code f} is in {@code /reference/f.txt}.
   */
  static Stream<Arguments> referenceCases(String... families) {
    return Arrays.stream(families)
        .flatMap(
            family ->
                ReferenceCases.load("/reference/" + family + ".txt").stream()
                    .map(c -> Arguments.of(family, c)));
  }

  /** A leaf that requires grad, holding {@code values} in shape {@code dims}. */
  static Variable variable(double[] values, int... dims) {
    return new Variable(Tensor.of(values, dims), true);
  }

  /** A leaf that requires grad, holding standard normal values drawn from {@code rng}. */
  static Variable randn(Rng rng, int... dims) {
    return new Variable(Tensor.randn(rng, dims), true);
  }

  /** Asserts that {@code actual} has shape {@code dims} and exactly the values {@code expected}. */
  static void assertValues(double[] expected, int[] dims, Variable actual) {
    assertValues(expected, dims, actual, 0.0);
  }

  /** Asserts that {@code actual} has shape {@code dims} and values within {@code delta}. */
  static void assertValues(double[] expected, int[] dims, Variable actual, double delta) {
    assertEquals(Shape.of(dims), actual.shape());
    assertArrayEquals(expected, actual.data().toArray(), delta);
  }

  /** Asserts that {@code v} holds {@code expected} (in its own shape) to 1e-12 relative. */
  static void assertValues(Variable v, double... expected) {
    assertClose("hand", "values", Tensor.of(expected, v.shape().dims()), v.data(), 1e-12, 1e-15);
  }
}
