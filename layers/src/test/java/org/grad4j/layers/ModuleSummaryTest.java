package org.grad4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grad4j.autograd.F;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.junit.jupiter.api.Test;

class ModuleSummaryTest {
  @Test
  void smallCnnHasOneRowPerLayerWithItsOutputShapeAndParameters() {
    assertEquals(
        """
        Layer  Type       Output shape  Param #
        =======================================
        0      Conv2d     (1,32,28,28)      320
        1      ReLU       (1,32,28,28)        0
        2      MaxPool2d  (1,32,14,14)        0
        3      Conv2d     (1,64,14,14)   18,496
        4      ReLU       (1,64,14,14)        0
        5      MaxPool2d  (1,64,7,7)          0
        6      Flatten    (1,3136)            0
        7      Linear     (1,128)       401,536
        8      ReLU       (1,128)             0
        9      Linear     (1,10)          1,290
        =======================================
        Total params: 421,642
        """,
        SmallCNN.create(new Rng(0)).summary(Shape.of(1, 1, 28, 28)));
  }

  /** A composite that is not a Sequential: one row, with all of its parameters. */
  private static final class Residual extends Module {
    private final Linear inner;

    Residual(int features, Rng rng) {
      inner = registerModule("inner", new Linear(features, features, rng));
    }

    @Override
    public Variable forward(Variable input) {
      return F.add(input, inner.forward(input));
    }
  }

  @Test
  void nestedSequentialsAreOpenedUpAndOtherCompositesAreOneRow() {
    Rng rng = new Rng(1);
    Sequential net =
        new Sequential(
            new Sequential(new Flatten(), new Linear(12, 5, rng)),
            new Residual(5, rng),
            new Sequential(new Sequential(new Linear(5, 2, rng))));
    assertEquals(
        """
        Layer  Type      Output shape  Param #
        ======================================
        0.0    Flatten   (2,12)              0
        0.1    Linear    (2,5)              65
        1      Residual  (2,5)              30
        2.0.0  Linear    (2,2)              12
        ======================================
        Total params: 107
        """,
        net.summary(Shape.of(2, 3, 4)));
  }

  /** Records the grad mode and its own mode when it runs. */
  private static final class Probe extends Module {
    boolean ranWithGrad;
    boolean ranTraining;

    @Override
    public Variable forward(Variable input) {
      ranWithGrad = GradMode.isEnabled();
      ranTraining = isTraining();
      return input;
    }
  }

  @Test
  void runsInEvaluationModeWithoutAGraphAndRestoresEveryModulesMode() {
    BatchNorm2d norm = new BatchNorm2d(2);
    Probe probe = new Probe();
    Dropout dropout = new Dropout(0.5, new Rng(2));
    Sequential net = new Sequential(norm, new Sequential(probe, dropout));
    dropout.eval();
    // on zeros, a training-mode pass would pull the running variance from 1 towards 0
    double[] runningVar = norm.namedBuffers().get("running_var").toArray();

    String summary = net.summary(Shape.of(3, 2, 4, 4));

    assertTrue(summary.contains("1.0    Probe        (3,2,4,4)"), summary);
    assertFalse(probe.ranWithGrad);
    assertFalse(probe.ranTraining);
    assertArrayEquals(runningVar, norm.namedBuffers().get("running_var").toArray());
    assertTrue(GradMode.isEnabled());
    assertTrue(net.isTraining());
    assertTrue(norm.isTraining());
    assertTrue(probe.isTraining());
    assertFalse(dropout.isTraining());
  }

  @Test
  void aLayerRejectingItsInputIsNamedWithTheShapeItGot() {
    Sequential net = new Sequential(new Flatten(), new Linear(10, 3, new Rng(3)));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> net.summary(Shape.of(1, 3, 3)));
    assertTrue(
        e.getMessage()
            .startsWith("summary: layer '1' (Linear) rejected its input of shape (1,9): "),
        e.getMessage());
    assertTrue(net.isTraining());
  }
}
