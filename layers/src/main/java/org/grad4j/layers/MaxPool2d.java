package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.core.ConvGeometry;

/** 2-d max pooling; the gradient goes to each window's maximum. */
public final class MaxPool2d extends Stateless {
  private final ConvGeometry geometry;

  /** A {@code kernel × kernel} window with stride {@code kernel}, as {@code nn.MaxPool2d(k)}. */
  public MaxPool2d(int kernel) {
    this(ConvGeometry.of(kernel, kernel, 0));
  }

  public MaxPool2d(ConvGeometry geometry) {
    super(x -> F.maxPool2d(x, geometry));
    this.geometry = geometry;
  }

  @Override
  protected String describe() {
    return geometry.toString();
  }
}
