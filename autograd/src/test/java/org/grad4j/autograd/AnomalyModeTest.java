package org.grad4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class AnomalyModeTest {
  @Test
  void offByDefaultAndScoped() {
    assertFalse(AnomalyMode.isEnabled());
    try (var anomaly = AnomalyMode.enabled()) {
      assertTrue(AnomalyMode.isEnabled());
    }
    assertFalse(AnomalyMode.isEnabled());
  }

  @Test
  void aNonFiniteForwardOutputNamesTheOpAndTheIndex() {
    Variable x = new Variable(Tensor.of(new double[] {1, -1}, 2), true);
    assertTrue(Double.isNaN(F.log(x).data().get(1)), "without anomaly mode NaN passes silently");
    try (var anomaly = AnomalyMode.enabled()) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> F.log(x));
      assertTrue(e.getMessage().contains("Log produced NaN in its output"), e.getMessage());
      assertTrue(e.getMessage().contains("index [1]"), e.getMessage());
    }
  }

  @Test
  void aNonFiniteGradientNamesTheOpAndWhereItsForwardCallWasMade() {
    // sqrt(0) is finite, but its gradient 1/(2*sqrt(0)) is infinite.
    Variable x = new Variable(Tensor.of(new double[] {4, 0}, 2), true);
    try (var anomaly = AnomalyMode.enabled()) {
      Variable y = F.sum(buildSqrt(x));
      IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
      assertTrue(e.getMessage().contains("Sqrt produced"), e.getMessage());
      assertTrue(e.getMessage().contains("in its gradient"), e.getMessage());
      Throwable cause = e.getCause();
      assertNotNull(cause);
      assertTrue(
          Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getMethodName().equals("buildSqrt")),
          "the cause's stack shows the forward call site");
    }
  }

  private static Variable buildSqrt(Variable x) {
    return F.sqrt(x);
  }

  @Test
  void withoutAnomalyModeTheInfiniteGradientPassesThrough() {
    Variable x = new Variable(Tensor.of(new double[] {4, 0}, 2), true);
    F.sum(F.sqrt(x)).backward();
    assertEquals(0.25, x.grad().data().get(0), 0.0);
    assertEquals(Double.POSITIVE_INFINITY, x.grad().data().get(1));
  }
}
