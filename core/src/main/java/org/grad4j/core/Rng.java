package org.grad4j.core;

import java.util.random.RandomGenerator;

/**
 * A seeded random generator whose whole state is one {@code long}, so a training run can save it in
 * a checkpoint and resume the exact same stream.
 *
 * <p>It is the SplitMix64 generator (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014); {@code nextDouble}, {@code nextGaussian} and the bounded variants come
 * from {@link RandomGenerator}'s defaults, which depend only on {@link #nextLong()}.
 */
public final class Rng implements RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  public Rng(long seed) {
    this.state = seed;
  }

  @Override
  public long nextLong() {
    long z = (state += GOLDEN_GAMMA);
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** The current state; {@code new Rng(state())} continues the same stream. */
  public long state() {
    return state;
  }
}
