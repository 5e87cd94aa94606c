package org.grad4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Scope;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.optim.Adam;
import org.grad4j.layers.optim.Optimizer;
import org.junit.jupiter.api.Test;

/** Proof that the pieces learn together: a tiny CNN memorises random labels. */
class LearningTest {
  private static final int IMAGES = 32;
  private static final int CLASSES = 4;
  private static final int SIZE = 8;

  /** Adam on the whole batch reaches 100% in 32 steps with these seeds; a bound with margin. */
  private static final int MAX_STEPS = 100;

  @Test
  void aTinyCnnFitsThirtyTwoRandomlyLabelledImages() {
    Rng rng = new Rng(11);
    Tensor x = Tensor.randn(rng, IMAGES, 1, SIZE, SIZE);
    int[] labels = new int[IMAGES];
    for (int i = 0; i < IMAGES; i++) {
      labels[i] = rng.nextInt(CLASSES);
    }
    Sequential model = TinyCnn.create(4, SIZE, CLASSES, rng);
    Optimizer adam = Adam.builder().lr(0.01).build(model.parameters());

    double before = accuracy(model, x, labels);
    assertTrue(before <= 0.5, "the untrained model already gets " + before);
    double accuracy = before;
    int steps = 0;
    while (accuracy < 1 && steps < MAX_STEPS) {
      TinyCnn.trainStep(model, adam, x, labels);
      steps++;
      accuracy = accuracy(model, x, labels);
    }
    assertEquals(1.0, accuracy, "training accuracy after " + steps + " steps");
  }

  /** The fraction of images whose highest logit is at their label. */
  private static double accuracy(Module model, Tensor x, int[] labels) {
    Tensor logits;
    try (Scope noGrad = GradMode.disabled()) {
      logits = model.forward(new Variable(x)).data();
    }
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int k = 1; k < CLASSES; k++) {
        if (logits.get(i, k) > logits.get(i, best)) {
          best = k;
        }
      }
      correct += best == labels[i] ? 1 : 0;
    }
    return (double) correct / labels.length;
  }
}
