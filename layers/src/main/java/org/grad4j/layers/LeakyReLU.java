package org.grad4j.layers;

import org.grad4j.autograd.F;

/** {@code x} for positive inputs, {@code slope·x} otherwise. */
public final class LeakyReLU extends Stateless {
  private final double slope;

  /** PyTorch's default slope, 0.01. */
  public LeakyReLU() {
    this(0.01);
  }

  public LeakyReLU(double slope) {
    super(x -> F.leakyRelu(x, slope));
    this.slope = slope;
  }

  @Override
  protected String describe() {
    return "negative_slope=" + slope;
  }
}
