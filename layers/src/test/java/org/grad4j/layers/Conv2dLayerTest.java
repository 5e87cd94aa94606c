package org.grad4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class Conv2dLayerTest {
  @Test
  void defaultInitIsBoundedByOneOverSqrtFanIn() {
    Conv2d conv = Conv2d.builder(3, 8, 3).padding(1).build(new Rng(0));
    double bound = 1 / Math.sqrt(3 * 9);
    for (double v : conv.weight().data().toArray()) {
      assertTrue(Math.abs(v) <= bound, () -> v + " exceeds " + bound);
    }
    for (double v : conv.bias().data().toArray()) {
      assertTrue(Math.abs(v) <= bound);
    }
    assertEquals(Shape.of(8, 3, 3, 3), conv.weight().shape());
    assertEquals(8 * 3 * 9 + 8, conv.parameterCount());
    assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
  }

  @Test
  void forwardKeepsTheSizeWithPaddingOneAndNamesNestedParameters() {
    Rng rng = new Rng(1);
    Sequential net =
        new Sequential(
            Conv2d.builder(1, 4, 3).padding(1).build(rng),
            Conv2d.builder(4, 2, 3).bias(false).build(rng));
    Variable y = net.forward(new Variable(Tensor.randn(rng, 2, 1, 6, 5)));
    assertEquals(Shape.of(2, 2, 4, 3), y.shape());
    assertEquals(
        List.of("0.weight", "0.bias", "1.weight"), List.copyOf(net.namedParameters().keySet()));
    assertNull(((Conv2d) net.children().get("1")).bias());
    assertTrue(net.toString().contains("(1): Conv2d(4, 2, kernel_size=(3, 3)"), net.toString());
  }

  @Test
  void trainAndEvalPropagateToChildren() {
    Rng rng = new Rng(2);
    Sequential net = new Sequential(Conv2d.builder(1, 1, 1).build(rng));
    net.eval();
    assertTrue(!net.children().get("0").isTraining());
    net.train();
    assertTrue(net.children().get("0").isTraining());
  }

  @Test
  void invalidOptionsAreRejectedInBuild() {
    Rng rng = new Rng(3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(0, 4, 3).build(rng));
    assertTrue(e.getMessage().contains("Conv2d"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Conv2d.builder(1, 4, 3).stride(0).build(rng));
  }
}
