package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.SmallCNN;
import org.grad4j.layers.io.Checkpoint;
import org.grad4j.layers.io.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that stops and resumes ends with the same weights, to the bit, as one that never stopped:
 * stopped at an epoch boundary ({@code --epochs 1}, then {@code --resume --epochs 2}) or in the
 * middle of an epoch (as Ctrl-C does).
 */
class ResumeTest {
  private static final String[] RECIPE = {"--limit", "192", "--batch-size", "32"};

  @TempDir static Path tmp;
  static Path data;
  static Path uninterrupted;

  @BeforeAll
  static void trainWithoutStopping() throws IOException {
    data = TestData.create(tmp.resolve("data"));
    uninterrupted = tmp.resolve("uninterrupted");
    train("--epochs", "2", "--out", uninterrupted.toString());
  }

  @Test
  void resumingAfterAnEpochGivesTheSameModel() throws IOException {
    Path run = tmp.resolve("epoch-boundary");
    train("--epochs", "1", "--out", run.toString());
    train("--resume", run.toString(), "--epochs", "2");
    assertSameRun(uninterrupted, run);
  }

  @Test
  void resumingInTheMiddleOfAnEpochGivesTheSameModel() throws IOException {
    Path run = tmp.resolve("mid-epoch");
    Recipe recipe =
        Recipe.fromMetadata(Checkpoint.read(uninterrupted.resolve(Trainer.CHECKPOINT)).metadata());
    TrainingData sets = TrainingData.load(data, DataKind.FASHION);
    AtomicBoolean stop = new AtomicBoolean();
    Trainer trainer =
        new Trainer(
            SmallCNN.create(new Rng(recipe.seed())),
            recipe,
            sets.train().limit(recipe.limit()),
            sets.test(),
            run,
            stopAfter(4, stop));
    boolean finished = trainer.run(stop, new PrintStream(OutputStream.nullOutputStream()));
    assertFalse(finished);
    assertFalse(Files.exists(run.resolve(Trainer.MODEL)));

    train("--resume", run.toString());
    assertSameRun(uninterrupted, run);
  }

  /**
   * Runs {@code train}; a resumed run is given neither the recipe nor --data: it must reuse the
   * recorded ones.
   */
  private static void train(String... args) {
    boolean resuming = args[0].equals("--resume");
    List<String> all = new ArrayList<>(List.of("train", "--no-progress"));
    all.addAll(List.of(args));
    if (!resuming) {
      all.addAll(List.of(RECIPE));
      all.addAll(List.of("--data", data.toString()));
    }
    Cli.Result result = Cli.run(all.toArray(String[]::new));
    assertEquals(0, result.exitCode(), result::toString);
  }

  /** Shows nothing, and sets {@code stop} once {@code batches} batches are done. */
  private static ProgressDisplay stopAfter(int batches, AtomicBoolean stop) {
    return new ProgressDisplay() {
      private int done;

      @Override
      public void startEpoch(int epoch, int epochs, int batchCount, int alreadyDone) {}

      @Override
      public void batchDone(double meanLoss, double accuracy, double imagesPerSecond) {
        if (++done == batches) {
          stop.set(true);
        }
      }

      @Override
      public void finishEpoch() {}
    };
  }

  /** The same weights, tensor by tensor and byte by byte, and the same metrics but for times. */
  private static void assertSameRun(Path expected, Path actual) throws IOException {
    Map<String, Tensor> want = Safetensors.read(expected.resolve(Trainer.MODEL)).tensors();
    Map<String, Tensor> got = Safetensors.read(actual.resolve(Trainer.MODEL)).tensors();
    assertEquals(want.keySet(), got.keySet());
    want.forEach(
        (name, tensor) -> assertArrayEquals(tensor.toArray(), got.get(name).toArray(), name));
    assertArrayEquals(
        Files.readAllBytes(expected.resolve(Trainer.MODEL)),
        Files.readAllBytes(actual.resolve(Trainer.MODEL)));
    assertEquals(withoutSeconds(expected), withoutSeconds(actual));
  }

  private static List<String> withoutSeconds(Path run) throws IOException {
    return Files.readAllLines(run.resolve(TrainingReport.CSV)).stream()
        .map(line -> line.substring(0, line.lastIndexOf(',')))
        .toList();
  }

  /**
   * A one-cycle schedule is made for the resumed run's epochs; with fewer epochs than the run has
   * trained, it would not reach the checkpoint's step. The error names --epochs, not the step.
   */
  @Test
  void resumingWithFewerEpochsThanTrainedNamesEpochs() {
    Path run = tmp.resolve("one-cycle");
    train("--epochs", "2", "--lr-schedule", "onecycle", "--out", run.toString());
    Cli.Result result =
        Cli.run("train", "--no-progress", "--resume", run.toString(), "--epochs", "1");
    assertEquals(1, result.exitCode(), result::toString);
    assertTrue(
        result
            .err()
            .contains(
                "grad4j train: --epochs 1: the run in "
                    + run
                    + " has trained 2 epochs; expected at least 2"),
        result::toString);
  }

  @Test
  void resumeRejectsOptionsItsCheckpointFixes() {
    Cli.Result result =
        Cli.run("train", "--resume", tmp.toString(), "--lr", "0.1", "--out", "elsewhere");
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(
        result
            .err()
            .contains(
                "--resume continues the run with the recipe, data and directory in its"
                    + " checkpoint; only --epochs may change, not --lr, --out"),
        result::toString);
  }
}
