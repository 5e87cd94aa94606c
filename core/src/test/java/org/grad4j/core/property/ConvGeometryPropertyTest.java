package org.grad4j.core.property;

import static org.grad4j.core.CoreAssertions.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Im2Col;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.core.property.GeometryCases.Case;
import org.grad4j.core.property.GeometryCases.ConvCases;
import org.grad4j.core.property.GeometryCases.OversizedConvCases;
import org.junit.jupiter.api.function.Executable;

/** Properties of {@link ConvGeometry}: output sizes, and which geometries it rejects. */
class ConvGeometryPropertyTest {

  /** Eight geometry parameters in -2..5, at least one of them out of its allowed range. */
  @Provide
  Arbitrary<int[]> invalidParameters() {
    return Arbitraries.integers()
        .between(-2, 5)
        .array(int[].class)
        .ofSize(8)
        .filter(
            p ->
                p[0] < 1 || p[1] < 1 || p[2] < 1 || p[3] < 1 || p[4] < 0 || p[5] < 0 || p[6] < 1
                    || p[7] < 1);
  }

  @Property(tries = 1000)
  void outputSizesFollowTheFormula(@ForAll(supplier = ConvCases.class) Case c) {
    ConvGeometry g = c.geometry();
    int outH = c.h().expectedOutput();
    int outW = c.w().expectedOutput();
    assertTrue(outH >= 1 && outW >= 1, c::toString);
    assertEquals(outH, g.outputHeight(c.h().in()), c::toString);
    assertEquals(outW, g.outputWidth(c.w().in()), c::toString);
    assertEquals(
        Shape.of(c.channels() * g.kernelH() * g.kernelW(), c.batch() * outH * outW),
        Im2Col.columnShape(c.input(), g),
        c::toString);
  }

  @Property(tries = 300)
  void kernelsLargerThanThePaddedInputAreRejected(
      @ForAll(supplier = OversizedConvCases.class) Case c) {
    ConvGeometry g = c.geometry();
    boolean tooHigh = c.h().span() > c.h().in() + 2 * c.h().pad();
    Executable size = tooHigh ? () -> g.outputHeight(c.h().in()) : () -> g.outputWidth(c.w().in());
    assertRejected("ConvGeometry", c, size);
    assertRejected("ConvGeometry", c, () -> Im2Col.im2col(Tensor.zeros(c.input()), g));
    assertRejected("ConvGeometry", c, () -> Im2Col.columnShape(c.input(), g));
  }

  @Property(tries = 300)
  void invalidParametersAreRejected(@ForAll("invalidParameters") int[] p) {
    assertRejected(
        "ConvGeometry",
        Arrays.toString(p),
        () -> new ConvGeometry(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]));
    if (p[0] < 1 || p[2] < 1 || p[4] < 0) {
      assertRejected("ConvGeometry", Arrays.toString(p), () -> ConvGeometry.of(p[0], p[2], p[4]));
    }
  }
}
