package org.grad4j.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.data.Dataset;
import org.grad4j.layers.Module;
import org.grad4j.layers.SmallCNN;
import org.grad4j.layers.io.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Trains SmallCNN on Fashion-MNIST (or MNIST) with a progress bar, checkpoints and plots. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train SmallCNN on Fashion-MNIST: a checkpoint after every epoch, metrics.csv, loss.png and"
          + " accuracy.png in --out. Ctrl-C finishes the batch, saves a checkpoint and exits;"
          + " --resume continues exactly where it stopped.",
      "Data: --data DIR, else Debian's dataset-fashion-mnist, else the subset embedded in the jar."
    })
final class TrainCommand implements Callable<Integer> {
  @Mixin ComputeOptions compute;

  @Spec CommandSpec spec;

  @Option(
      names = "--epochs",
      defaultValue = "2",
      description = "Epochs (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(
      names = "--batch-size",
      defaultValue = "64",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(
      names = "--lr",
      defaultValue = "0.01",
      description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--momentum",
      defaultValue = "0.9",
      description = "SGD momentum (default: ${DEFAULT-VALUE}).")
  double momentum;

  @Option(
      names = "--weight-decay",
      defaultValue = "0",
      description = "Weight decay (default: ${DEFAULT-VALUE}).")
  double weightDecay;

  @Option(
      names = "--optimizer",
      defaultValue = "sgd",
      description = "sgd, adam or adamw (default: ${DEFAULT-VALUE}).")
  String optimizer;

  @Option(
      names = "--lr-schedule",
      defaultValue = "none",
      description =
          "none, step, cosine or onecycle, stepped every batch (default: ${DEFAULT-VALUE}).")
  String schedule;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of init and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Train on the first N examples only (0: all).")
  int limit;

  @Mixin DataDirectoryOption dataDirectory;

  @Mixin DatasetOption dataset;

  @Option(
      names = "--out",
      defaultValue = "runs/train",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--resume",
      description =
          "Continue the run whose checkpoint is in this directory, with its recipe and data;"
              + " --epochs may extend it.")
  Path resume;

  @Option(names = "--no-progress", description = "No progress bar (for logs).")
  boolean noProgress;

  /** Options --resume may come with: the run's recipe, data and directory are its own. */
  private static final Set<String> RESUME_OPTIONS =
      Set.of("--resume", "--epochs", "--no-progress", "--backend", "--threads");

  private void rejectOptionsTheRecipeFixes() {
    List<String> fixed =
        spec.commandLine().getParseResult().matchedOptions().stream()
            .map(OptionSpec::longestName)
            .filter(name -> !RESUME_OPTIONS.contains(name))
            .toList();
    if (!fixed.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(),
          "--resume continues the run with the recipe, data and directory in its checkpoint;"
              + " only --epochs may change, not "
              + String.join(", ", fixed));
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintStream log = System.out;
    Checkpoint checkpoint = null;
    Recipe recipe;
    Path outDir = out;
    if (resume != null) {
      rejectOptionsTheRecipeFixes();
      checkpoint = Checkpoint.read(resume.resolve(Trainer.CHECKPOINT));
      recipe = Recipe.fromMetadata(checkpoint.metadata());
      if (spec.commandLine().getParseResult().hasMatchedOption("--epochs")) {
        recipe = recipe.withEpochs(epochs);
      }
      outDir = resume;
    } else {
      recipe =
          new Recipe(
              optimizer,
              lr,
              momentum,
              weightDecay,
              schedule,
              batchSize,
              epochs,
              seed,
              limit,
              dataDirectory.directory == null
                  ? ""
                  : dataDirectory.directory.toAbsolutePath().toString(),
              dataset.kind);
    }
    TrainingData data = TrainingData.load(recipe.dataDirectory(), recipe.dataset());
    Dataset train = recipe.limit() > 0 ? data.train().limit(recipe.limit()) : data.train();
    log.println("data: " + data.description());
    Module model = SmallCNN.create(new Rng(recipe.seed()));
    log.printf(
        "model: SmallCNN, %,d parameters; training on %,d images, testing on %,d%n",
        model.parameterCount(), train.size(), data.test().size());
    log.println(model.summary(Shape.of(1, 1, train.rows(), train.cols())));
    log.println("recipe: " + recipe);
    log.println(ComputeOptions.describe());
    Trainer trainer =
        new Trainer(
            model,
            recipe,
            train,
            data.test(),
            outDir,
            noProgress ? ProgressDisplay.NONE : ProgressDisplay.bar(System.err));
    if (checkpoint != null) {
      trainer.resume(checkpoint);
      log.printf("resuming %s after %d completed epochs%n", outDir, trainer.completedEpochs());
    }
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                done.await(60, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    Runtime.getRuntime().addShutdownHook(hook);
    boolean finished;
    try {
      finished = trainer.run(stop, log);
    } finally {
      done.countDown();
    }
    if (!finished) {
      return 130;
    }
    Runtime.getRuntime().removeShutdownHook(hook);
    log.println();
    log.println(trainer.finalEvaluation().confusion().render());
    log.printf(
        "wrote %s: %s, %s, metrics.csv, loss.png, accuracy.png%n",
        outDir, Trainer.MODEL, Trainer.CHECKPOINT);
    return 0;
  }
}
