package org.grad4j.core.property;

import static org.grad4j.core.property.PropertyAssertions.assertRejected;
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
import org.junit.jupiter.api.function.Executable;

/** Properties of {@link ConvGeometry}: output sizes, and which geometries it rejects. */
class ConvGeometryPropertyTest {

  @Provide
  Arbitrary<Case> convCases() {
    return GeometryCases.convCases();
  }

  @Provide
  Arbitrary<Case> oversizedCases() {
    return GeometryCases.oversizedCases(false);
  }

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
  void outputSizesFollowTheFormula(@ForAll("convCases") Case c) {
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
  void kernelsLargerThanThePaddedInputAreRejected(@ForAll("oversizedCases") Case c) {
    ConvGeometry g = c.geometry();
    boolean tooHigh = c.h().span() > c.h().in() + 2 * c.h().pad();
    Executable size = tooHigh ? () -> g.outputHeight(c.h().in()) : () -> g.outputWidth(c.w().in());
    assertRejected(size, "ConvGeometry", c);
    assertRejected(() -> Im2Col.im2col(Tensor.zeros(c.input()), g), "ConvGeometry", c);
    assertRejected(() -> Im2Col.columnShape(c.input(), g), "ConvGeometry", c);
  }

  @Property(tries = 300)
  void invalidParametersAreRejected(@ForAll("invalidParameters") int[] p) {
    assertRejected(
        () -> new ConvGeometry(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]),
        "ConvGeometry",
        Arrays.toString(p));
    if (p[0] < 1 || p[2] < 1 || p[4] < 0) {
      assertRejected(() -> ConvGeometry.of(p[0], p[2], p[4]), "ConvGeometry", Arrays.toString(p));
    }
  }
}
