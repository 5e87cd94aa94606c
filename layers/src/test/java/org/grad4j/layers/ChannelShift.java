package org.grad4j.layers;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;

/**
 * A test module with a parameter and a buffer, as BatchNorm2d has: {@code (x - running_mean) *
 * weight}, per channel of an NCHW input.
 */
final class ChannelShift extends Module {
  private final Parameter weight;
  private final Tensor runningMean;

  ChannelShift(int channels) {
    weight = registerParameter("weight", Tensor.ones(channels, 1, 1));
    runningMean = registerBuffer("running_mean", Tensor.zeros(channels, 1, 1));
  }

  @Override
  public Variable forward(Variable input) {
    return F.mul(F.sub(input, new Variable(runningMean)), weight);
  }
}
