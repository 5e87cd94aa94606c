package org.grad4j.layers;

import org.grad4j.autograd.F;

/**
 * The mean over height and width: {@code (N, C, H, W) -> (N, C, 1, 1)}, as {@code
 * nn.AdaptiveAvgPool2d(1)}.
 */
public final class GlobalAvgPool2d extends Stateless {
  public GlobalAvgPool2d() {
    super(F::globalAvgPool2d);
  }
}
