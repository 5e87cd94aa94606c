package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RngTest {

  private static long[] longs(Rng rng, int n) {
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = rng.nextLong();
    }
    return out;
  }

  /** A mixture of every kind of draw, so continuation is checked for all of them. */
  private static double[] mixedDraws(Rng rng, int n) {
    double[] out = new double[4 * n];
    for (int i = 0; i < n; i++) {
      out[4 * i] = rng.nextDouble();
      out[4 * i + 1] = rng.nextGaussian();
      out[4 * i + 2] = rng.nextInt(17);
      out[4 * i + 3] = rng.nextLong();
    }
    return out;
  }

  @Test
  void matchesTheSplitMix64ReferenceOutputs() {
    // The first outputs of Vigna's splitmix64.c with state 0.
    assertArrayEquals(
        new long[] {
          0xE220A8397B1DCDAFL, 0x6E789E6AA1B965F4L, 0x06C45D188009454FL, 0xF88BB8A8724C81ECL
        },
        longs(new Rng(0), 4));
  }

  @Test
  void sameSeedSameStream() {
    assertArrayEquals(longs(new Rng(123), 50), longs(new Rng(123), 50));
    assertArrayEquals(mixedDraws(new Rng(-9), 100), mixedDraws(new Rng(-9), 100), 0.0);
  }

  @Test
  void differentSeedsGiveDifferentStreams() {
    assertFalse(Arrays.equals(longs(new Rng(1), 10), longs(new Rng(2), 10)));
    long[] seq = longs(new Rng(1), 10);
    assertEquals(10, Arrays.stream(seq).distinct().count(), "no repeats in a short stream");
  }

  @Test
  void stateStartsAtTheSeedAndAdvances() {
    Rng rng = new Rng(77);
    assertEquals(77, rng.state());
    rng.nextLong();
    assertTrue(rng.state() != 77, "drawing must advance the state");
  }

  @Test
  void stateLetsANewGeneratorContinueIdentically() {
    Rng original = new Rng(2024);
    mixedDraws(original, 37);
    Rng resumed = new Rng(original.state());
    assertArrayEquals(mixedDraws(original, 200), mixedDraws(resumed, 200), 0.0);
    assertEquals(original.state(), resumed.state());
  }

  @Test
  void tensorsDrawnAfterAResumeMatch() {
    Rng original = new Rng(5);
    Tensor.randn(original, 3, 3);
    Rng resumed = new Rng(original.state());
    assertArrayEquals(
        Tensor.randn(original, 4, 5).toArray(), Tensor.randn(resumed, 4, 5).toArray(), 0.0);
  }

  @Test
  void doublesAreUniformOnTheUnitInterval() {
    Rng rng = new Rng(11);
    int n = 20_000;
    int[] buckets = new int[10];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double u = rng.nextDouble();
      assertTrue(u >= 0.0 && u < 1.0, "nextDouble out of [0, 1): " + u);
      buckets[(int) (u * 10)]++;
      sum += u;
    }
    assertEquals(0.5, sum / n, 0.01);
    for (int count : buckets) {
      assertEquals(n / 10.0, count, 200, "bucket counts " + Arrays.toString(buckets));
    }
  }

  @Test
  void gaussiansAreStandardNormal() {
    Rng rng = new Rng(12);
    int n = 20_000;
    double sum = 0;
    double sumSq = 0;
    int withinOneSigma = 0;
    for (int i = 0; i < n; i++) {
      double g = rng.nextGaussian();
      sum += g;
      sumSq += g * g;
      if (Math.abs(g) < 1) {
        withinOneSigma++;
      }
    }
    assertEquals(0.0, sum / n, 0.05);
    assertEquals(1.0, sumSq / n, 0.06);
    assertEquals(0.6827, (double) withinOneSigma / n, 0.02);
  }

  @Test
  void boundedIntsCoverTheirRange() {
    Rng rng = new Rng(13);
    boolean[] seen = new boolean[7];
    for (int i = 0; i < 1000; i++) {
      int v = rng.nextInt(7);
      assertTrue(v >= 0 && v < 7);
      seen[v] = true;
    }
    for (boolean s : seen) {
      assertTrue(s, "every value in [0, 7) should appear in 1000 draws");
    }
  }
}
