package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-checked values of the fused updates; PyTorch trajectories are tested in layers. */
class FusedUpdatesTest {
  @Test
  void sgdWithNesterovMomentumAndWeightDecay() {
    Tensor p = Tensor.of(new double[] {1.0, -2.0}, 2);
    Tensor g = Tensor.of(new double[] {0.5, 0.25}, 2);
    Tensor buf = Tensor.zeros(2);
    // d = g + 0.5·p = (1, -0.75); first step: buf = d; d = d + 0.5·buf = (1.5, -1.125)
    FusedUpdates.sgdInPlace(p, g, buf, true, 0.25, 0.5, 0.0, 0.5, true);
    assertArrayEquals(new double[] {1.0, -0.75}, buf.toArray());
    assertArrayEquals(new double[] {1.0 - 0.375, -2.0 + 0.28125}, p.toArray());
    assertArrayEquals(new double[] {0.5, 0.25}, g.toArray(), "the gradient is not modified");
  }

  @Test
  void adamsFirstStepMovesEachElementByTheLearningRate() {
    Tensor p = Tensor.of(new double[] {1.0, -1.0}, 2);
    Tensor g = Tensor.of(new double[] {3.0, -0.01}, 2);
    // bias correction makes m̂ = g and v̂ = g², so with lr 1 and eps 0 the step is sign(g)
    FusedUpdates.adamInPlace(
        p, g, Tensor.zeros(2), Tensor.zeros(2), null, 0.9, 0.999, 0, 0, 1 / 0.1, Math.sqrt(0.001));
    assertArrayEquals(new double[] {0.0, 0.0}, p.toArray(), 1e-12);
  }

  @Test
  void aBufferOfTheWrongShapeIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FusedUpdates.rmspropInPlace(
                    Tensor.ones(2, 3),
                    Tensor.ones(2, 3),
                    Tensor.ones(3, 2),
                    null,
                    null,
                    0.1,
                    0.9,
                    1e-8,
                    0,
                    0));
    assertTrue(
        e.getMessage().contains("rmspropInPlace") && e.getMessage().contains("(3,2)"),
        e.getMessage());
  }

  @Test
  void normAndScaleInPlace() {
    Tensor t = Tensor.of(new double[] {3.0, -4.0}, 2);
    assertEquals(5.0, t.norm(), 0.0);
    t.scaleInPlace(-0.5);
    assertArrayEquals(new double[] {-1.5, 2.0}, t.toArray());
  }
}
