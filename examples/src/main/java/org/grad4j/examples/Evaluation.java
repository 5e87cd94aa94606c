package org.grad4j.examples;

import org.grad4j.autograd.F;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;
import org.grad4j.core.data.DataLoader;
import org.grad4j.core.data.Dataset;
import org.grad4j.layers.Module;

/** A model's mean cross-entropy and confusion matrix on a dataset, in evaluation mode. */
record Evaluation(double loss, ConfusionMatrix confusion) {
  private static final int BATCH = 500;

  double accuracy() {
    return confusion.accuracy();
  }

  static Evaluation of(Module model, Dataset data) {
    boolean wasTraining = model.isTraining();
    model.eval();
    ConfusionMatrix confusion = new ConfusionMatrix(data.classNames());
    double lossSum = 0;
    DataLoader loader = new DataLoader(data, BATCH, false, 0, 0, 1);
    try (var noGrad = GradMode.disabled()) {
      for (DataLoader.Batch batch : loader.epoch(0)) {
        Variable logits = model.forward(new Variable(batch.images()));
        lossSum += F.crossEntropy(logits, batch.labels(), Reduction.SUM).item();
        confusion.add(batch.labels(), F.argmax(logits, 1));
      }
    } finally {
      if (wasTraining) {
        model.train();
      }
    }
    return new Evaluation(lossSum / data.size(), confusion);
  }
}
