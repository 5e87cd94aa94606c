package org.grad4j.examples;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Reports a trained SmallCNN's test accuracy, per class and overall, with its confusion matrix. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a trained SmallCNN on the test set: accuracy, per-class accuracy and the confusion"
          + " matrix.",
      "Data: --data DIR, else Debian's dataset-fashion-mnist, else the subset embedded in the jar."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Mixin ComputeOptions compute;

  @Mixin CheckpointOption checkpoint;

  @Mixin DatasetOption dataset;

  @Mixin DataDirectoryOption dataDirectory;

  @Override
  public Integer call() throws IOException {
    TrainedModel trained = checkpoint.load();
    TrainingData data = TrainingData.load(dataDirectory.directory, dataset.kind);
    System.out.println("model: " + trained.description());
    System.out.println("data: " + data.description());
    Evaluation eval = Evaluation.of(trained.model(), data.test());
    System.out.printf(
        "test set: %,d images, mean cross-entropy %.4f, accuracy %.2f%%%n%n",
        data.test().size(), eval.loss(), 100 * eval.accuracy());
    System.out.println(eval.confusion().render());
    return 0;
  }
}
