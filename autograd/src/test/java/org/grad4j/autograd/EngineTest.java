package org.grad4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static Variable scalarLeaf(double value) {
    return new Variable(Tensor.scalar(value), true);
  }

  /** Identity whose backward counts its calls, to see how often the engine visits a node. */
  private static final class CountingIdentity extends Function {
    int backwardCalls;

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0];
    }

    @Override
    protected Variable[] backward(Variable gy) {
      backwardCalls++;
      return new Variable[] {gy};
    }
  }

  @Test
  void diamondGraphSumsBothPathsAndVisitsTheSharedNodeOnce() {
    Variable x = scalarLeaf(3.0);
    CountingIdentity shared = new CountingIdentity();
    Variable a = shared.apply(x);
    // y = a*a + 5a, so dy/dx = 2a + 5 = 11 at x = 3, arriving by three paths.
    Variable y = F.add(F.mul(a, a), F.mul(a, 5.0));
    y.backward();
    assertEquals(11.0, x.grad().item(), 0.0);
    assertEquals(1, shared.backwardCalls);
  }

  @Test
  void backwardTwiceThroughAFreedGraphNamesTheFix() {
    Variable x = scalarLeaf(2.0);
    Variable y = F.mul(x, x);
    y.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(e.getMessage().contains("RETAIN_GRAPH"), e.getMessage());
    assertTrue(e.getMessage().contains("Mul"), e.getMessage());
  }

  @Test
  void retainedGraphRunsTwiceAndLeafGradientsAccumulate() {
    Variable x = scalarLeaf(2.0);
    Variable y = F.mul(x, x);
    y.backward(BackwardOption.RETAIN_GRAPH);
    y.backward();
    assertEquals(8.0, x.grad().item(), 0.0);
    x.zeroGrad();
    assertNull(x.grad());
  }

  @Test
  void gradModeOffRecordsNothing() {
    Variable x = scalarLeaf(2.0);
    Variable y;
    try (var scope = GradMode.disabled()) {
      assertFalse(GradMode.isEnabled());
      y = F.mul(x, x);
    }
    assertTrue(GradMode.isEnabled());
    assertNull(y.creator());
    assertFalse(y.requiresGrad());
    assertEquals(4.0, y.item(), 0.0);
    assertThrows(IllegalArgumentException.class, y::backward);
  }

  @Test
  void inputsThatNeedNoGradientRecordNothing() {
    Variable data = new Variable(Tensor.scalar(2.0));
    Variable y = F.mul(data, data);
    assertNull(y.creator());
    assertFalse(y.requiresGrad());
  }

  @Test
  void createGraphGivesTheSecondDerivativeOfACubic() {
    Variable x = scalarLeaf(2.0);
    // y = x^3 - 2x: y' = 3x^2 - 2 = 10, y'' = 6x = 12 at x = 2.
    Variable y = F.sub(F.mul(F.mul(x, x), x), F.mul(x, 2.0));
    y.backward(BackwardOption.CREATE_GRAPH);
    Variable dy = x.grad();
    assertEquals(10.0, dy.item(), 1e-12);
    assertNotNull(dy.creator());
    x.zeroGrad();
    dy.backward();
    assertEquals(12.0, x.grad().item(), 1e-12);
  }

  @Test
  void autogradGradReturnsGradientsWithoutTouchingLeaves() {
    Variable x = scalarLeaf(2.0);
    Variable w = scalarLeaf(5.0);
    Variable unused = scalarLeaf(1.0);
    Variable y = F.mul(F.mul(x, x), w);
    List<Variable> g = Autograd.grad(y, List.of(x, w, unused), BackwardOption.CREATE_GRAPH);
    assertEquals(20.0, g.get(0).item(), 0.0);
    assertEquals(4.0, g.get(1).item(), 0.0);
    assertEquals(0.0, g.get(2).item(), 0.0);
    assertNull(x.grad());
    List<Variable> gg = Autograd.grad(g.get(0), List.of(x, w));
    assertEquals(10.0, gg.get(0).item(), 0.0);
    assertEquals(4.0, gg.get(1).item(), 0.0);
  }

  @Test
  void retainGradKeepsAnIntermediateGradient() {
    Variable x = scalarLeaf(3.0);
    Variable a = F.mul(x, 2.0).retainGrad();
    Variable b = F.mul(x, 2.0);
    F.mul(a, a).backward();
    F.mul(b, b).backward();
    assertEquals(12.0, a.grad().item(), 0.0);
    assertNull(b.grad());
  }

  @Test
  void broadcastGradientsAreSummedBackToTheInputShape() {
    Variable a = new Variable(Tensor.ones(2, 3), true);
    Variable b = new Variable(Tensor.of(new double[] {1, 2, 3}, 3), true);
    F.sum(F.mul(a, b)).backward();
    assertEquals(b.shape(), b.grad().shape());
    assertEquals(2.0, b.grad().data().get(0), 0.0);
    assertEquals(3.0, a.grad().data().get(1, 2), 0.0);
  }

  @Test
  void aBackwardOfTheWrongShapeIsReportedWithTheOpName() {
    Function broken =
        new Function() {
          @Override
          protected Tensor forward(Tensor... in) {
            return in[0].mul(2.0);
          }

          @Override
          protected Variable[] backward(Variable gy) {
            return new Variable[] {F.sum(gy)};
          }

          @Override
          public String name() {
            return "Broken";
          }
        };
    Variable y = F.sum(broken.apply(new Variable(Tensor.ones(2, 2), true)));
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertTrue(
        e.getMessage().contains("Broken") && e.getMessage().contains("(2,2)"), e.getMessage());
  }

  @Test
  void detachCutsTheGraph() {
    Variable x = scalarLeaf(3.0);
    Variable d = F.mul(x, x).detach();
    assertTrue(d.isLeaf());
    assertFalse(d.requiresGrad());
    assertEquals(9.0, d.item(), 0.0);
  }

  @Test
  void seedOfTheWrongShapeIsRejected() {
    Variable y = F.mul(new Variable(Tensor.ones(2, 2), true), 2.0);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3)));
    assertTrue(e.getMessage().contains("(3,)") && e.getMessage().contains("(2,2)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, y::backward);
  }

  @Test
  void setGradReplacesTheGradientAndLaterPassesAccumulateOntoIt() {
    Variable x = scalarLeaf(3.0);
    x.setGrad(Tensor.scalar(10.0));
    F.mul(x, x).backward();
    assertEquals(16.0, x.grad().item(), 0.0);
    x.setGrad(null);
    assertNull(x.grad());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> x.setGrad(Tensor.ones(2)));
    assertTrue(
        e.getMessage().contains("setGrad") && e.getMessage().contains("(2,)"), e.getMessage());
  }
}
