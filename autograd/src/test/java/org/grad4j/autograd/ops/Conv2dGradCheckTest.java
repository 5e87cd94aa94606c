package org.grad4j.autograd.ops;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2dGradCheckTest {
  /** A case: input (n, cin, h, w), cout, geometry, bias. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(1, 1, 4, 4, 1, ConvGeometry.of(3, 1, 0), true),
        Arguments.of(2, 2, 5, 6, 3, ConvGeometry.of(3, 1, 0), true),
        Arguments.of(2, 2, 5, 6, 3, ConvGeometry.of(3, 1, 0), false),
        Arguments.of(2, 3, 5, 5, 2, ConvGeometry.of(3, 2, 0), true),
        Arguments.of(1, 2, 7, 8, 2, ConvGeometry.of(2, 3, 0), true),
        Arguments.of(2, 2, 4, 5, 2, ConvGeometry.of(3, 1, 1), true),
        Arguments.of(1, 2, 4, 4, 3, ConvGeometry.of(3, 2, 2), false),
        Arguments.of(2, 1, 6, 7, 2, ConvGeometry.of(3, 1, 0).withDilation(2, 2), true),
        Arguments.of(1, 2, 7, 6, 2, ConvGeometry.of(2, 1, 1).withDilation(2, 1), true),
        Arguments.of(2, 2, 5, 7, 3, ConvGeometry.kernel(2, 3), true),
        Arguments.of(
            1, 2, 6, 5, 2, ConvGeometry.kernel(3, 1).withStride(2, 1).withPadding(1, 0), true),
        Arguments.of(3, 2, 4, 4, 2, ConvGeometry.kernel(1, 1), true),
        Arguments.of(1, 3, 3, 3, 2, ConvGeometry.of(3, 1, 0), true),
        Arguments.of(2, 2, 5, 5, 2, ConvGeometry.of(3, 3, 2).withDilation(1, 2), false));
  }

  private static Variable[] inputs(
      int n, int cin, int h, int w, int cout, ConvGeometry g, boolean bias) {
    Rng rng = new Rng(7);
    Variable x = new Variable(Tensor.randn(rng, n, cin, h, w), true);
    Variable weight = new Variable(Tensor.randn(rng, cout, cin, g.kernelH(), g.kernelW()), true);
    if (!bias) {
      return new Variable[] {x, weight};
    }
    return new Variable[] {x, weight, new Variable(Tensor.randn(rng, cout), true)};
  }

  private static GradCheck.Fn conv(ConvGeometry g) {
    return xs -> F.conv2d(xs[0], xs[1], xs.length > 2 ? xs[2] : null, g);
  }

  @ParameterizedTest(name = "[{index}] x=({0},{1},{2},{3}) cout={4} {5} bias={6}")
  @MethodSource("cases")
  void gradientsMatchFiniteDifferences(
      int n, int cin, int h, int w, int cout, ConvGeometry g, boolean bias) {
    GradCheck.DEFAULT.assertGradients(conv(g), inputs(n, cin, h, w, cout, g, bias));
  }

  @Test
  void secondDerivativesMatchFiniteDifferences() {
    ConvGeometry g = ConvGeometry.of(2, 2, 1);
    GradCheck.DEFAULT.assertSecondOrder(conv(g), inputs(2, 2, 4, 3, 2, g, true));
  }

  @Test
  void secondDerivativesWithDilationAndStride() {
    ConvGeometry g = ConvGeometry.kernel(2, 3).withStride(2, 1).withDilation(2, 1);
    GradCheck.DEFAULT.assertSecondOrder(conv(g), inputs(1, 2, 5, 5, 2, g, false));
  }

  @Test
  void gradientOnlyForTheWeightWhenTheInputIsData() {
    ConvGeometry g = ConvGeometry.of(3, 1, 1);
    Rng rng = new Rng(3);
    Variable x = new Variable(Tensor.randn(rng, 2, 2, 4, 4));
    Variable w = new Variable(Tensor.randn(rng, 3, 2, 3, 3), true);
    GradCheck.DEFAULT.assertGradients(conv(g), x, w);
    F.sum(F.conv2d(x, w, g)).backward();
    assertTrue(x.grad() == null && w.grad() != null);
  }

  @Test
  void badInputNamesConv2dAndTheShapes() {
    Variable x = new Variable(Tensor.zeros(2, 3, 5, 5));
    Variable w = new Variable(Tensor.zeros(4, 2, 3, 3));
    ConvGeometry g = ConvGeometry.of(3, 1, 0);
    assertIllegalArgument(
        () -> F.conv2d(x, w, g), "conv2d", "(2,3,5,5)", "(4,2,3,3)", "3 channels");
    assertIllegalArgument(
        () -> F.conv2d(new Variable(Tensor.zeros(3, 5, 5)), w, g), "conv2d", "rank 4", "(3,5,5)");
    assertIllegalArgument(
        () -> F.conv2d(x, new Variable(Tensor.zeros(4, 3, 3)), g), "conv2d", "rank 4", "(4,3,3)");
    Variable w3 = new Variable(Tensor.zeros(4, 3, 3, 3));
    assertIllegalArgument(
        () -> F.conv2d(x, w3, new Variable(Tensor.zeros(5)), g), "conv2d", "(5,)", "(4,)");
    assertIllegalArgument(() -> F.conv2d(x, w3, ConvGeometry.of(5, 1, 0)), "conv2d", "3x3", "5x5");
    assertIllegalArgument(
        () -> F.conv2d(new Variable(Tensor.zeros(1, 3, 2, 2)), w3, g), "conv2d", "(1,3,2,2)");
  }
}
