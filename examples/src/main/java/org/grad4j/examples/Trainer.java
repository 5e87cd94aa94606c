package org.grad4j.examples;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ClassLabels;
import org.grad4j.core.Tensor;
import org.grad4j.core.data.DataLoader;
import org.grad4j.core.data.Dataset;
import org.grad4j.layers.Module;
import org.grad4j.layers.io.Checkpoint;
import org.grad4j.layers.optim.LrSchedule;
import org.grad4j.layers.optim.LrScheduler;
import org.grad4j.layers.optim.Optimizer;

/**
 * The training loop: epochs of shuffled batches, a checkpoint after every epoch (and when asked to
 * stop), test evaluation, metrics and plots. A run resumed from a checkpoint continues exactly
 * where it stopped: same weights, optimizer state, schedule position and batch order.
 */
final class Trainer {
  static final String CHECKPOINT = "checkpoint.safetensors";
  static final String MODEL = "model.safetensors";

  private final Module model;
  private final Optimizer optimizer;
  private final LrScheduler scheduler;
  private final DataLoader loader;
  private final Dataset test;
  private final Recipe recipe;
  private final Path out;
  private final ProgressDisplay display;
  private final List<EpochStats> history = new ArrayList<>();
  private Progress progress = Progress.START;
  private Evaluation lastEvaluation;

  /** Where a run stands: the epoch in progress, batches done in it, and its running sums. */
  record Progress(int epoch, int batch, double lossSum, long correct, long seen, double seconds) {
    static final Progress START = new Progress(0, 0, 0, 0, 0, 0);

    Map<String, String> toMetadata() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("progress.epoch", Integer.toString(epoch));
      m.put("progress.batch", Integer.toString(batch));
      m.put("progress.loss_sum", Double.toString(lossSum));
      m.put("progress.correct", Long.toString(correct));
      m.put("progress.seen", Long.toString(seen));
      m.put("progress.seconds", Double.toString(seconds));
      return m;
    }

    static Progress fromMetadata(Map<String, String> m) {
      return new Progress(
          Integer.parseInt(CheckpointMetadata.required(m, "progress.epoch")),
          Integer.parseInt(CheckpointMetadata.required(m, "progress.batch")),
          Double.parseDouble(CheckpointMetadata.required(m, "progress.loss_sum")),
          Long.parseLong(CheckpointMetadata.required(m, "progress.correct")),
          Long.parseLong(CheckpointMetadata.required(m, "progress.seen")),
          Double.parseDouble(CheckpointMetadata.required(m, "progress.seconds")));
    }
  }

  Trainer(
      Module model, Recipe recipe, Dataset train, Dataset test, Path out, ProgressDisplay display) {
    this.model = model;
    this.recipe = recipe;
    this.test = test;
    this.out = out;
    this.display = display;
    this.loader = new DataLoader(train, recipe.batchSize(), true, recipe.seed(), 0, 1);
    this.optimizer = recipe.createOptimizer(model.parameters());
    LrSchedule schedule = recipe.createSchedule(recipe.epochs() * loader.batchCount());
    this.scheduler = schedule == null ? null : new LrScheduler(optimizer, schedule);
  }

  /**
   * Restores model, optimizer, schedule and progress from {@code checkpoint}.
   *
   * @throws IllegalArgumentException naming {@code --epochs} if the recipe ends before the epoch
   *     the checkpoint is in (the schedule, made for the recipe's epochs, would not reach the
   *     checkpoint's step)
   */
  void resume(Checkpoint checkpoint) throws IOException {
    Progress saved = Progress.fromMetadata(checkpoint.metadata());
    int begun = saved.epoch() + (saved.batch() > 0 ? 1 : 0);
    checkArgument(
        recipe.epochs() >= begun,
        "--epochs %s: the run in %s has trained %s epoch%s%s; expected at least %s",
        recipe.epochs(),
        out,
        saved.epoch(),
        saved.epoch() == 1 ? "" : "s",
        saved.batch() > 0 ? " and " + saved.batch() + " batches of epoch " + begun : "",
        begun);
    model.loadStateDict(checkpoint.section("model"));
    optimizer.loadStateDict(checkpoint.section("optimizer"));
    if (scheduler != null) {
      scheduler.loadStateDict(checkpoint.section("scheduler"));
    }
    progress = saved;
    List<EpochStats> recorded = TrainingReport.read(out);
    history.addAll(recorded.subList(0, Math.min(progress.epoch(), recorded.size())));
  }

  int completedEpochs() {
    return progress.epoch();
  }

  /**
   * Trains until {@code recipe.epochs()} epochs are done, or until {@code stop} is set, in which
   * case the current batch finishes and a checkpoint is saved.
   *
   * @return whether training finished (false when stopped early)
   */
  boolean run(AtomicBoolean stop, PrintStream log) throws IOException {
    Files.createDirectories(out);
    while (progress.epoch() < recipe.epochs()) {
      int epoch = progress.epoch();
      int[] order = loader.order(epoch);
      long start = System.nanoTime();
      double before = progress.seconds();
      display.startEpoch(epoch + 1, recipe.epochs(), loader.batchCount(), progress.batch());
      for (int b = progress.batch(); b < loader.batchCount(); b++) {
        if (stop.get()) {
          display.finishEpoch();
          saveCheckpoint();
          log.printf(
              "stopped in epoch %d after batch %d; checkpoint saved to %s; continue with"
                  + " train --resume %s%n",
              epoch + 1, b, out.resolve(CHECKPOINT), out);
          return false;
        }
        DataLoader.Batch batch = loader.batch(order, b);
        StepResult result = step(batch);
        double seconds = before + (System.nanoTime() - start) / 1e9;
        progress =
            new Progress(
                epoch,
                b + 1,
                progress.lossSum() + result.loss() * batch.size(),
                progress.correct() + result.correct(),
                progress.seen() + batch.size(),
                seconds);
        display.batchDone(
            progress.lossSum() / progress.seen(),
            (double) progress.correct() / progress.seen(),
            progress.seen() / Math.max(1e-9, seconds));
      }
      display.finishEpoch();
      Evaluation eval = Evaluation.of(model, test);
      lastEvaluation = eval;
      EpochStats stats =
          new EpochStats(
              epoch + 1,
              progress.lossSum() / progress.seen(),
              (double) progress.correct() / progress.seen(),
              eval.loss(),
              eval.accuracy(),
              optimizer.lr(),
              progress.seconds());
      history.add(stats);
      progress = new Progress(epoch + 1, 0, 0, 0, 0, 0);
      TrainingReport.write(out, history);
      saveCheckpoint();
      log.printf(
          "epoch %d/%d: train loss %.4f, train accuracy %.2f%%, test loss %.4f, test accuracy"
              + " %.2f%%, %.1f s%n",
          stats.epoch(),
          recipe.epochs(),
          stats.trainLoss(),
          100 * stats.trainAccuracy(),
          stats.testLoss(),
          100 * stats.testAccuracy(),
          stats.seconds());
    }
    model.save(out.resolve(MODEL));
    return true;
  }

  /**
   * The test evaluation of the trained model: the one made after the last epoch of this run, or a
   * new one when this run trained no epoch (a finished run resumed without more epochs).
   */
  Evaluation finalEvaluation() {
    return lastEvaluation != null ? lastEvaluation : Evaluation.of(model, test);
  }

  /** A batch's mean loss and number of correct predictions. */
  private record StepResult(double loss, int correct) {}

  /** One optimisation step on {@code batch}. */
  private StepResult step(DataLoader.Batch batch) {
    optimizer.zeroGrad();
    Variable logits = model.forward(new Variable(batch.images()));
    Variable loss = F.crossEntropy(logits, batch.labels());
    loss.backward();
    optimizer.step();
    if (scheduler != null) {
      scheduler.step();
    }
    return new StepResult(
        loss.item(), ClassLabels.countCorrect(F.argmax(logits, 1), batch.labels()));
  }

  private void saveCheckpoint() throws IOException {
    Map<String, Map<String, Tensor>> sections = new LinkedHashMap<>();
    sections.put("model", model.stateDict());
    sections.put("optimizer", optimizer.stateDict());
    sections.put("scheduler", scheduler == null ? Map.of() : scheduler.stateDict());
    Map<String, String> metadata = new LinkedHashMap<>(recipe.toMetadata());
    metadata.putAll(progress.toMetadata());
    new Checkpoint(sections, metadata).write(out.resolve(CHECKPOINT));
  }
}
