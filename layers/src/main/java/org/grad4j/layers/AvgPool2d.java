package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.core.ConvGeometry;

/** 2-d average pooling, as {@code nn.AvgPool2d} (ceil mode off). */
public final class AvgPool2d extends Stateless {
  private final ConvGeometry geometry;
  private final boolean countIncludePad;

  /** A {@code kernel × kernel} window with stride {@code kernel}, no padding. */
  public AvgPool2d(int kernel) {
    this(ConvGeometry.of(kernel, kernel, 0), true);
  }

  /**
   * @param countIncludePad whether padded positions count in each window's divisor
   */
  public AvgPool2d(ConvGeometry geometry, boolean countIncludePad) {
    super(x -> F.avgPool2d(x, geometry, countIncludePad));
    this.geometry = geometry;
    this.countIncludePad = countIncludePad;
  }

  @Override
  protected String describe() {
    return geometry + ", count_include_pad=" + countIncludePad;
  }
}
