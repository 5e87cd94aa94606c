package org.grad4j.autograd.ops;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {
  @Test
  void evaluationAndZeroProbabilityReturnTheInputItself() {
    Variable x = new Variable(Tensor.ones(3, 4), true);
    assertSame(x, F.dropout(x, 0.5, false, new Rng(1)));
    assertSame(x, F.dropout(x, 0.0, true, new Rng(1)));
    assertSame(x, F.dropout(x, 0.5, false, null));
  }

  /** 100 000 ones: the zero fraction has standard deviation 0.0015, the mean 0.0022. */
  @Test
  void dropsAboutAFractionPAndPreservesTheMean() {
    double p = 0.3;
    Variable x = new Variable(Tensor.ones(200, 500));
    double[] y = F.dropout(x, p, true, new Rng(2)).data().toArray();
    long zeros = Arrays.stream(y).filter(v -> v == 0).count();
    assertEquals(p, zeros / (double) y.length, 0.01);
    assertEquals(1.0, Arrays.stream(y).average().orElseThrow(), 0.01);
    assertTrue(Arrays.stream(y).allMatch(v -> v == 0 || v == 1 / (1 - p)));
  }

  @Test
  void theSameSeedGivesTheSameMask() {
    Variable x = new Variable(Tensor.randn(new Rng(3), 4, 5, 6));
    double[] a = F.dropout(x, 0.5, true, new Rng(9)).data().toArray();
    double[] b = F.dropout(x, 0.5, true, new Rng(9)).data().toArray();
    double[] c = F.dropout(x, 0.5, true, new Rng(10)).data().toArray();
    assertArrayEquals(a, b, 0.0);
    assertFalse(Arrays.equals(a, c));
  }

  @Test
  void gradientIsTheMaskOverOneMinusP() {
    double p = 0.25;
    Variable x = new Variable(Tensor.randn(new Rng(4), 6, 7), true);
    Variable y = F.dropout(x, p, true, new Rng(5));
    y.backward(Tensor.ones(6, 7));
    double[] in = x.data().toArray();
    double[] out = y.data().toArray();
    double[] grad = x.grad().data().toArray();
    for (int i = 0; i < in.length; i++) {
      double expected = out[i] == 0 ? 0 : 1 / (1 - p);
      assertEquals(expected, grad[i], 0.0);
      assertEquals(in[i] * expected, out[i], 1e-15);
    }
  }

  @Test
  void gradientsMatchFiniteDifferencesWithAFixedMask() {
    Variable x = new Variable(Tensor.randn(new Rng(6), 3, 4, 5), true);
    GradCheck.DEFAULT.assertGradients(xs -> F.dropout(xs[0], 0.4, true, new Rng(7)), x);
  }

  @Test
  void probabilityOneZeroesEverything() {
    Variable x = new Variable(Tensor.randn(new Rng(8), 5, 5), true);
    Variable y = F.dropout(x, 1.0, true, new Rng(9));
    assertArrayEquals(new double[25], y.data().toArray(), 0.0);
    y.backward(Tensor.ones(5, 5));
    assertArrayEquals(new double[25], x.grad().data().toArray(), 0.0);
  }

  @Test
  void badInputNamesDropoutAndTheValue() {
    Variable x = new Variable(Tensor.ones(2, 2));
    assertIllegalArgument(() -> F.dropout(x, 1.5, true, new Rng(1)), "dropout", "1.5", "[0, 1]");
    assertIllegalArgument(() -> F.dropout(x, -0.1, false, new Rng(1)), "dropout", "-0.1");
    assertIllegalArgument(() -> F.dropout(x, 0.5, true, null), "dropout", "random generator");
  }
}
