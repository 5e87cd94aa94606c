package org.grad4j.autograd.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.core.property.GeometryCases.Case;
import org.grad4j.core.property.GeometryCases.ConvCases;
import org.grad4j.core.property.GeometryCases.PoolCases;

/**
 * Output shapes of conv2d and pooling follow {@code floor((in + 2p - d(k-1) - 1)/s) + 1} on each
 * axis, and their gradients have their inputs' shapes.
 */
class ConvPoolShapePropertyTest {

  @Property(tries = 300)
  void conv2dOutputShapeFollowsTheFormula(
      @ForAll(supplier = ConvCases.class) Case c,
      @ForAll @IntRange(min = 1, max = 3) int outChannels,
      @ForAll boolean withBias,
      @ForAll long seed) {
    ConvGeometry g = c.geometry();
    Rng rng = new Rng(seed);
    Variable x = new Variable(Tensor.randn(rng, c.input().dims()), true);
    Variable w =
        new Variable(Tensor.randn(rng, outChannels, c.channels(), g.kernelH(), g.kernelW()), true);
    Variable b = withBias ? new Variable(Tensor.randn(rng, outChannels), true) : null;
    Variable y = F.conv2d(x, w, b, g);
    Shape expected =
        Shape.of(c.batch(), outChannels, c.h().expectedOutput(), c.w().expectedOutput());
    assertEquals(expected, y.shape(), c::toString);

    F.sum(y).backward();
    assertEquals(x.shape(), x.grad().shape(), c::toString);
    assertEquals(w.shape(), w.grad().shape(), c::toString);
    if (withBias) {
      assertEquals(b.shape(), b.grad().shape(), c::toString);
    }
  }

  @Property(tries = 300)
  void poolingOutputShapesFollowTheFormula(
      @ForAll(supplier = PoolCases.class) Case c,
      @ForAll boolean countIncludePad,
      @ForAll long seed) {
    ConvGeometry g = c.geometry();
    Shape expected =
        Shape.of(c.batch(), c.channels(), c.h().expectedOutput(), c.w().expectedOutput());
    Variable x = new Variable(Tensor.randn(new Rng(seed), c.input().dims()), true);

    Variable max = F.maxPool2d(x, g);
    assertEquals(expected, max.shape(), c::toString);
    Variable avg = F.avgPool2d(x, g, countIncludePad);
    assertEquals(expected, avg.shape(), c::toString);

    F.add(F.sum(max), F.sum(avg)).backward();
    assertEquals(x.shape(), x.grad().shape(), c::toString);
  }
}
