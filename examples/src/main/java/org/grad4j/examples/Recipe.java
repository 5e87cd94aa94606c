package org.grad4j.examples;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grad4j.layers.Parameter;
import org.grad4j.layers.optim.Adam;
import org.grad4j.layers.optim.AdamW;
import org.grad4j.layers.optim.CosineAnnealingLR;
import org.grad4j.layers.optim.LrSchedule;
import org.grad4j.layers.optim.MultiStepLR;
import org.grad4j.layers.optim.OneCycleLR;
import org.grad4j.layers.optim.Optimizer;
import org.grad4j.layers.optim.SGD;

/**
 * How a run trains: optimizer, learning rate and its schedule, batch size, epochs, seed, and the
 * data ({@code data} is the {@code --data} directory, empty for the default source). It is stored
 * in each checkpoint, so {@code train --resume} continues with the same recipe on the same data.
 */
record Recipe(
    String optimizer,
    double lr,
    double momentum,
    double weightDecay,
    String schedule,
    int batchSize,
    int epochs,
    long seed,
    int limit,
    String data,
    DataKind dataset) {
  static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");
  static final List<String> SCHEDULES = List.of("none", "step", "cosine", "onecycle");

  Recipe {
    checkArgument(
        OPTIMIZERS.contains(optimizer),
        "--optimizer must be one of %s, got %s",
        OPTIMIZERS,
        optimizer);
    checkArgument(
        SCHEDULES.contains(schedule),
        "--lr-schedule must be one of %s, got %s",
        SCHEDULES,
        schedule);
    checkArgument(lr > 0, "--lr must be positive, got %s", lr);
    checkArgument(batchSize >= 1, "--batch-size must be positive, got %s", batchSize);
    checkArgument(epochs >= 1, "--epochs must be positive, got %s", epochs);
    checkArgument(limit >= 0, "--limit must not be negative, got %s", limit);
  }

  Optimizer createOptimizer(List<Parameter> params) {
    return switch (optimizer) {
      case "sgd" -> SGD.builder(lr).momentum(momentum).weightDecay(weightDecay).build(params);
      case "adam" -> Adam.builder().lr(lr).weightDecay(weightDecay).build(params);
      default -> AdamW.builder().lr(lr).weightDecay(weightDecay).build(params);
    };
  }

  /**
   * The schedule, stepped once per batch over {@code totalSteps} batches; {@code null} for a
   * constant rate. "step" divides the rate by 10 at half and at three quarters of the run.
   */
  LrSchedule createSchedule(int totalSteps) {
    return switch (schedule) {
      case "step" -> new MultiStepLR(List.of(totalSteps / 2, totalSteps * 3 / 4), 0.1);
      case "cosine" -> new CosineAnnealingLR(totalSteps);
      case "onecycle" -> new OneCycleLR(lr, totalSteps);
      default -> null;
    };
  }

  Map<String, String> toMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("recipe.optimizer", optimizer);
    m.put("recipe.lr", Double.toString(lr));
    m.put("recipe.momentum", Double.toString(momentum));
    m.put("recipe.weight_decay", Double.toString(weightDecay));
    m.put("recipe.schedule", schedule);
    m.put("recipe.batch_size", Integer.toString(batchSize));
    m.put("recipe.epochs", Integer.toString(epochs));
    m.put("recipe.seed", Long.toString(seed));
    m.put("recipe.limit", Integer.toString(limit));
    m.put("recipe.data", data);
    m.put("recipe.dataset", dataset.name());
    return m;
  }

  static Recipe fromMetadata(Map<String, String> m) {
    return new Recipe(
        CheckpointMetadata.required(m, "recipe.optimizer"),
        Double.parseDouble(CheckpointMetadata.required(m, "recipe.lr")),
        Double.parseDouble(CheckpointMetadata.required(m, "recipe.momentum")),
        Double.parseDouble(CheckpointMetadata.required(m, "recipe.weight_decay")),
        CheckpointMetadata.required(m, "recipe.schedule"),
        Integer.parseInt(CheckpointMetadata.required(m, "recipe.batch_size")),
        Integer.parseInt(CheckpointMetadata.required(m, "recipe.epochs")),
        Long.parseLong(CheckpointMetadata.required(m, "recipe.seed")),
        Integer.parseInt(CheckpointMetadata.required(m, "recipe.limit")),
        CheckpointMetadata.required(m, "recipe.data"),
        DataKind.valueOf(CheckpointMetadata.required(m, "recipe.dataset")));
  }

  Recipe withEpochs(int newEpochs) {
    return new Recipe(
        optimizer,
        lr,
        momentum,
        weightDecay,
        schedule,
        batchSize,
        newEpochs,
        seed,
        limit,
        data,
        dataset);
  }

  /** Where the data comes from: the {@code --data} directory, or {@code null} for the default. */
  Path dataDirectory() {
    return data.isEmpty() ? null : Path.of(data);
  }

  @Override
  public String toString() {
    return String.format(
        "%s lr %s%s%s, schedule %s, batch %d, %d epoch%s, seed %d",
        optimizer,
        lr,
        optimizer.equals("sgd") && momentum > 0 ? ", momentum " + momentum : "",
        weightDecay > 0 ? ", weight decay " + weightDecay : "",
        schedule,
        batchSize,
        epochs,
        epochs == 1 ? "" : "s",
        seed);
  }
}
