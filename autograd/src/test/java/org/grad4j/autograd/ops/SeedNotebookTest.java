package org.grad4j.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

/** The seed notebook's own case, with the numbers from DESIGN.md. */
class SeedNotebookTest {
  private static double[] row(Tensor t, int... prefix) {
    double[] out = new double[t.shape().dim(-1)];
    int[] index = java.util.Arrays.copyOf(prefix, t.rank());
    for (int i = 0; i < out.length; i++) {
      index[t.rank() - 1] = i;
      out[i] = t.get(index);
    }
    return out;
  }

  @Test
  void forwardAndBackwardMatchTheNotebook() {
    Variable x = new Variable(Tensor.arange(96).reshape(2, 3, 4, 4), true);
    Variable w = new Variable(Tensor.arange(54).reshape(2, 3, 3, 3), true);
    Variable b = new Variable(Tensor.zeros(2), true);

    Variable y = F.conv2d(x, w, b, ConvGeometry.of(3, 1, 0));
    y.backward(Tensor.ones(y.shape()));

    assertEquals(Shape.of(2, 2, 2, 2), y.shape());
    assertArrayEquals(new double[] {10197, 10548}, row(y.data(), 0, 0, 0));
    assertArrayEquals(new double[] {11601, 11952}, row(y.data(), 0, 0, 1));
    assertArrayEquals(new double[] {77346, 78426}, row(y.data(), 1, 1, 0));
    assertArrayEquals(new double[] {81666, 82746}, row(y.data(), 1, 1, 1));

    Tensor dx = x.grad().data();
    assertEquals(Shape.of(2, 3, 4, 4), dx.shape());
    assertArrayEquals(new double[] {27, 56, 60, 31}, row(dx, 0, 0, 0));
    assertArrayEquals(new double[] {75, 152, 156, 79}, row(dx, 0, 2, 3));
    assertArrayEquals(new double[] {212, 220, 228}, row(w.grad().data(), 0, 0, 0));
    assertArrayEquals(new double[] {8, 8}, b.grad().data().toArray());
  }
}
