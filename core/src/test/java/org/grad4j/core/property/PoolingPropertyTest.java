package org.grad4j.core.property;

import static org.grad4j.core.CoreAssertions.absDot;
import static org.grad4j.core.CoreAssertions.assertRejected;
import static org.grad4j.core.CoreAssertions.assertRelativelyClose;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Pooling;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.core.property.GeometryCases.Case;
import org.grad4j.core.property.GeometryCases.OversizedPoolCases;
import org.grad4j.core.property.GeometryCases.PoolCases;

/** Properties of max and average pooling over random geometries. */
class PoolingPropertyTest {

  /** Fitting convolution geometries that pooling does not support: dilation or wide padding. */
  @Provide
  Arbitrary<Case> unsupportedCases() {
    return GeometryCases.convCases()
        .filter(
            c -> {
              ConvGeometry g = c.geometry();
              return g.dilationH() > 1
                  || g.dilationW() > 1
                  || 2 * g.padH() > g.kernelH()
                  || 2 * g.padW() > g.kernelW();
            });
  }

  private static Shape expectedShape(Case c) {
    return Shape.of(c.batch(), c.channels(), c.h().expectedOutput(), c.w().expectedOutput());
  }

  @Property(tries = 300)
  void outputShapesFollowTheFormula(
      @ForAll(supplier = PoolCases.class) Case c,
      @ForAll boolean countIncludePad,
      @ForAll long seed) {
    ConvGeometry g = c.geometry();
    Shape expected = expectedShape(c);
    assertEquals(expected, Pooling.outputShape("maxPool2d", c.input(), g), c::toString);
    Tensor x = Tensor.randn(new Rng(seed), c.input().dims());
    Pooling.MaxResult max = Pooling.maxPool2d(x, g);
    assertEquals(expected, max.values().shape(), c::toString);
    assertEquals(expected.size(), max.argmax().length, c::toString);
    // Each maximum is the input element it claims to come from.
    double[] values = max.values().toArray();
    double[] input = x.toArray();
    for (int o = 0; o < values.length; o++) {
      assertEquals(input[max.argmax()[o]], values[o], 0.0, c::toString);
    }
    assertEquals(expected, Pooling.avgPool2d(x, g, countIncludePad).shape(), c::toString);
  }

  /** {@code <avgPool2d(x), y> == <x, avgPool2dBackward(y)>}: the backward is the adjoint. */
  @Property(tries = 300)
  void averagePoolingBackwardIsTheAdjoint(
      @ForAll(supplier = PoolCases.class) Case c,
      @ForAll boolean countIncludePad,
      @ForAll long seed) {
    ConvGeometry g = c.geometry();
    Rng rng = new Rng(seed);
    Tensor x = Tensor.randn(rng, c.input().dims());
    Tensor pooled = Pooling.avgPool2d(x, g, countIncludePad);
    Tensor y = Tensor.randn(rng, pooled.shape().dims());
    Tensor back = Pooling.avgPool2dBackward(y, c.input(), g, countIncludePad);
    assertEquals(c.input(), back.shape(), c::toString);
    double lhs = dot(pooled.toArray(), y.toArray());
    double rhs = dot(x.toArray(), back.toArray());
    assertRelativelyClose(lhs, rhs, 1e-10, absDot(pooled.toArray(), y.toArray()), c);
  }

  @Property(tries = 200)
  void kernelsLargerThanThePaddedInputAreRejected(
      @ForAll(supplier = OversizedPoolCases.class) Case c) {
    Tensor x = Tensor.zeros(c.input());
    assertRejected("maxPool2d", c, () -> Pooling.maxPool2d(x, c.geometry()));
    assertRejected("avgPool2d", c, () -> Pooling.avgPool2d(x, c.geometry(), true));
    assertRejected(
        "avgPool2d", c, () -> Pooling.avgPool2dBackward(x, c.input(), c.geometry(), false));
  }

  @Property(tries = 200)
  void dilationAndWidePaddingAreRejected(@ForAll("unsupportedCases") Case c) {
    Tensor x = Tensor.zeros(c.input());
    assertRejected("maxPool2d", c, () -> Pooling.maxPool2d(x, c.geometry()));
    assertRejected("avgPool2d", c, () -> Pooling.avgPool2d(x, c.geometry(), false));
  }

  /** Dimensions 1–4 of any rank 0–5 but 4. */
  @Provide
  Arbitrary<int[]> notRank4() {
    return Arbitraries.integers()
        .between(1, 4)
        .array(int[].class)
        .ofMaxSize(5)
        .filter(dims -> dims.length != 4);
  }

  @Property(tries = 100)
  void inputsNotOfRank4AreRejected(
      @ForAll("notRank4") int[] dims, @ForAll(supplier = PoolCases.class) Case c) {
    Tensor x = Tensor.zeros(dims);
    assertRejected("maxPool2d", x.shape(), () -> Pooling.maxPool2d(x, c.geometry()));
    assertRejected("avgPool2d", x.shape(), () -> Pooling.avgPool2d(x, c.geometry(), true));
  }
}
