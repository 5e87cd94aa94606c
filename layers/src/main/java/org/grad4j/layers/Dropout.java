package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.random.RandomGenerator;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;

/**
 * Inverted dropout: in training mode each element is zeroed with probability {@code p} and the
 * survivors are scaled by {@code 1/(1-p)}; in evaluation mode the input passes unchanged.
 */
public final class Dropout extends Module {
  private final double p;
  private final RandomGenerator rng;

  /**
   * @param rng draws the masks; seed it for reproducible runs
   */
  public Dropout(double p, RandomGenerator rng) {
    checkArgument(p >= 0 && p <= 1, "Dropout: probability %s is not in [0, 1]", p);
    this.p = p;
    this.rng = rng;
  }

  @Override
  public Variable forward(Variable input) {
    return F.dropout(input, p, isTraining(), rng);
  }

  @Override
  protected String describe() {
    return "p=" + p;
  }
}
