package org.grad4j.layers.optim;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient clipping against PyTorch's {@code clip_grad_norm_} and {@code clip_grad_value_} in
 * {@code /reference/grad_clip.txt}: four parameters, the last without a gradient.
 */
class GradClipTest {
  static List<Case> cases() {
    return ReferenceCases.load("/reference/grad_clip.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(Case c) {
    List<Parameter> params = new ArrayList<>();
    for (int i = 0; c.hasTensor("g" + i); i++) {
      Tensor g = c.tensor("g" + i);
      Parameter p = new Parameter(Tensor.zeros(g.shape()));
      p.setGrad(g);
      params.add(p);
    }
    Parameter withoutGrad = new Parameter(Tensor.zeros(3));
    params.add(withoutGrad);
    if (c.name().startsWith("norm_")) {
      double norm = GradClip.clipGradNorm(params, c.doubleParam("max_norm"));
      assertClose(c.name(), "total_norm", c.tensor("total_norm"), Tensor.scalar(norm));
    } else {
      GradClip.clipGradValue(params, c.doubleParam("clip_value"));
    }
    for (int i = 0; i < params.size() - 1; i++) {
      assertClose(c.name(), "c" + i, c.tensor("c" + i), params.get(i).grad().data());
    }
    assertNull(withoutGrad.grad());
  }

  @Test
  void clippingNeverWritesIntoASharedGradientTensor() {
    Tensor shared = Tensor.full(3.0, 4);
    Parameter a = new Parameter(Tensor.zeros(4));
    Parameter b = new Parameter(Tensor.zeros(4));
    a.setGrad(shared);
    b.setGrad(shared);
    double norm = GradClip.clipGradNorm(List.of(a, b), 1.0);
    assertEquals(Math.sqrt(2 * 4 * 9.0), norm, 1e-12);
    GradClip.clipGradValue(List.of(a, b), 0.1);
    assertArrayEquals(Tensor.full(3.0, 4).toArray(), shared.toArray());
    assertArrayEquals(Tensor.full(0.1, 4).toArray(), a.grad().data().toArray());
  }

  @Test
  void noGradientsGiveANormOfZero() {
    assertEquals(0.0, GradClip.clipGradNorm(List.of(new Parameter(Tensor.ones(2))), 1.0), 0.0);
  }

  @Test
  void badLimitsAreRejected() {
    List<Parameter> params = List.of(new Parameter(Tensor.ones(2)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GradClip.clipGradNorm(params, -1));
    assertTrue(
        e.getMessage().contains("clipGradNorm: maxNorm must be >= 0, got -1.0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> GradClip.clipGradValue(params, Double.NaN));
    assertTrue(
        e.getMessage().contains("clipGradValue: clip must be >= 0, got NaN"), e.getMessage());
  }
}
