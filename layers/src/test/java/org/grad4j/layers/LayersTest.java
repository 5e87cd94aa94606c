package org.grad4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {
  @Test
  void smallCnnHasThePyTorchTwinsNamesShapesAndParameterCount() {
    Sequential net = SmallCNN.create(new Rng(0));
    assertEquals(421_642, net.parameterCount());
    assertEquals(
        List.of(
            "0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias"),
        List.copyOf(net.namedParameters().keySet()));
    assertEquals(Shape.of(128, 3136), net.namedParameters().get("7.weight").shape());
    Variable logits = net.forward(new Variable(Tensor.rand(new Rng(1), 2, 1, 28, 28)));
    assertEquals(Shape.of(2, 10), logits.shape());
    String text = net.toString();
    assertTrue(text.contains("(7): Linear(in_features=3136, out_features=128, bias=true)"), text);
  }

  @Test
  void linearUsesThePyTorchLayoutAndDefaultBounds() {
    Linear layer = new Linear(4, 3, new Rng(2));
    assertEquals(Shape.of(3, 4), layer.weight().shape());
    for (double v : layer.weight().data().toArray()) {
      assertTrue(Math.abs(v) <= 0.5);
    }
    Variable x = new Variable(Tensor.ones(5, 4));
    Tensor expected = x.data().matmul(layer.weight().data().transpose()).add(layer.bias().data());
    assertTrue(layer.forward(x).data().allClose(expected, 1e-15, 0));
    assertThrows(IllegalArgumentException.class, () -> new Linear(0, 3, new Rng(0)));
  }

  @Test
  void batchNormUpdatesRunningStatisticsOnlyInTraining() {
    BatchNorm2d bn = new BatchNorm2d(2);
    Tensor running = bn.namedBuffers().get("running_mean");
    Variable x = new Variable(Tensor.randn(new Rng(3), 4, 2, 3, 3).add(5.0));
    bn.forward(x);
    double afterTraining = running.get(0);
    assertNotEquals(0.0, afterTraining);
    bn.eval();
    Variable y = bn.forward(x);
    assertEquals(afterTraining, running.get(0), 0.0);
    assertEquals(Shape.of(4, 2, 3, 3), y.shape());
    assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
    assertEquals(List.of("running_mean", "running_var"), List.copyOf(bn.namedBuffers().keySet()));
  }

  @Test
  void dropoutIsTheIdentityInEvaluationMode() {
    Dropout dropout = new Dropout(0.5, new Rng(4));
    Variable x = new Variable(Tensor.ones(10, 10));
    assertTrue(dropout.forward(x).data().firstNonFinite() < 0);
    assertNotEquals(x.data().sum().item(), dropout.forward(x).data().sum().item());
    dropout.eval();
    assertSame(x, dropout.forward(x));
  }

  @Test
  void statelessLayersApplyTheirOps() {
    Variable x = new Variable(Tensor.of(new double[] {-2, 3}, 1, 2));
    assertArrayEquals(new double[] {0, 3}, new ReLU().forward(x).data().toArray());
    assertArrayEquals(new double[] {-0.2, 3}, new LeakyReLU(0.1).forward(x).data().toArray());
    assertArrayEquals(
        F.sigmoid(x).data().toArray(), new Sigmoid().forward(x).data().toArray(), 0.0);
    assertArrayEquals(F.tanh(x).data().toArray(), new Tanh().forward(x).data().toArray(), 0.0);
    assertArrayEquals(
        F.softmax(x, 1).data().toArray(), new Softmax(1).forward(x).data().toArray(), 0.0);
    assertArrayEquals(
        F.logSoftmax(x, 1).data().toArray(), new LogSoftmax(1).forward(x).data().toArray(), 0.0);
    Variable image = new Variable(Tensor.arange(32).reshape(2, 1, 4, 4));
    assertEquals(Shape.of(2, 1, 2, 2), new MaxPool2d(2).forward(image).shape());
    assertEquals(Shape.of(2, 1, 2, 2), new AvgPool2d(2).forward(image).shape());
    assertEquals(Shape.of(2, 1, 1, 1), new GlobalAvgPool2d().forward(image).shape());
    assertEquals(Shape.of(2, 16), new Flatten().forward(image).shape());
  }

  @Test
  void lossModulesMatchTheFunctionalOps() {
    Variable logits = new Variable(Tensor.randn(new Rng(5), 3, 4));
    int[] labels = {0, 3, 1};
    assertEquals(
        F.crossEntropy(logits, labels).item(),
        new CrossEntropyLoss().forward(logits, labels).item(),
        0.0);
    assertEquals(
        F.crossEntropy(logits, labels, Reduction.SUM, 0.1).item(),
        new CrossEntropyLoss(Reduction.SUM, 0.1).forward(logits, labels).item(),
        0.0);
    Variable logProbs = F.logSoftmax(logits, 1);
    assertEquals(
        F.nll(logProbs, labels).item(), new NLLLoss().forward(logProbs, labels).item(), 0.0);
    Variable target = new Variable(Tensor.randn(new Rng(6), 3, 4));
    assertEquals(F.mse(logits, target).item(), new MSELoss().forward(logits, target).item(), 0.0);
    Variable probabilities = F.sigmoid(target);
    assertEquals(
        F.bceWithLogits(logits, probabilities).item(),
        new BCEWithLogitsLoss().forward(logits, probabilities).item(),
        0.0);
  }

  @Test
  void initSchemesHaveTheirDocumentedScale() {
    Rng rng = new Rng(7);
    Shape shape = Shape.of(64, 32, 3, 3);
    assertEquals(288, Init.fanIn(shape));
    assertEquals(576, Init.fanOut(shape));
    assertEquals(Math.sqrt(2.0 / 288), std(Init.kaimingNormal(rng, 0, shape)), 2e-3);
    assertEquals(Math.sqrt(2.0 / (288 + 576)), std(Init.xavierNormal(rng, shape)), 2e-3);
    double bound = Math.sqrt(6.0 / (288 + 576));
    Tensor u = Init.xavierUniform(rng, shape);
    assertTrue(u.max(false).item() <= bound && -u.neg().max(false).item() >= -bound);
    assertEquals(bound / Math.sqrt(3), std(u), 2e-3);
    assertThrows(IllegalArgumentException.class, () -> Init.fanIn(Shape.of(5)));
  }

  private static double std(Tensor t) {
    double mean = t.mean(false).item();
    return Math.sqrt(t.add(-mean).mul(t.add(-mean)).mean(false).item());
  }

  @Test
  void layersRejectBadHyperParametersWhenBuilt() {
    IllegalArgumentException dropout =
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new Rng(0)));
    assertEquals("Dropout: probability 1.5 is not in [0, 1]", dropout.getMessage());
    IllegalArgumentException eps =
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(4, -1e-5, 0.1, true));
    assertEquals("BatchNorm2d: eps -1.0E-5 is negative", eps.getMessage());
    IllegalArgumentException momentum =
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(4, 1e-5, 2.0, true));
    assertEquals("BatchNorm2d: momentum 2.0 is not in [0, 1]", momentum.getMessage());
  }
}
