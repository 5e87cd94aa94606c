package org.grad4j.core.property;

import static org.grad4j.core.CoreAssertions.absDot;
import static org.grad4j.core.CoreAssertions.assertRelativelyClose;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Im2Col;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.core.property.GeometryCases.Case;
import org.grad4j.core.property.GeometryCases.ConvCases;

/** Properties of {@link Im2Col} over random geometries. */
class Im2ColPropertyTest {

  /** {@code <im2col(x), c> == <x, col2im(c)>} to 1e-10, relative to the size of the terms. */
  @Property(tries = 300)
  void col2imIsTheAdjointOfIm2col(@ForAll(supplier = ConvCases.class) Case c, @ForAll long seed) {
    ConvGeometry g = c.geometry();
    Rng rng = new Rng(seed);
    Tensor x = Tensor.randn(rng, c.input().dims());
    Tensor cols = Im2Col.im2col(x, g);
    assertEquals(Im2Col.columnShape(c.input(), g), cols.shape(), c::toString);
    Tensor y = Tensor.randn(rng, cols.shape().dims());
    Tensor image = Im2Col.col2im(y, c.input(), g);
    assertEquals(c.input(), image.shape(), c::toString);
    double lhs = dot(cols.toArray(), y.toArray());
    double rhs = dot(x.toArray(), image.toArray());
    double scale = absDot(cols.toArray(), y.toArray());
    assertRelativelyClose(lhs, rhs, 1e-10, scale, c);
  }
}
