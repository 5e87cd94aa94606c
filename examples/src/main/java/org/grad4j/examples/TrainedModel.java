package org.grad4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.grad4j.core.Rng;
import org.grad4j.layers.Module;
import org.grad4j.layers.SmallCNN;
import org.grad4j.layers.io.Checkpoint;
import org.grad4j.layers.io.Safetensors;

/**
 * A SmallCNN with the weights of a training run, for {@code evaluate} and {@code predict}.
 *
 * @param model the network, in evaluation mode
 * @param description where the weights come from, for the user
 */
record TrainedModel(Module model, String description) {
  /**
   * Loads the weights named by {@code --checkpoint}: a run directory (its {@value
   * Trainer#CHECKPOINT}, which always holds the run's latest state, else its {@value
   * Trainer#MODEL}), a checkpoint file, or a model file. Files are told apart by their content, not
   * their name.
   *
   * @throws IOException if there is no such file, it is not safetensors, or it does not hold
   *     SmallCNN's weights
   */
  static TrainedModel load(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? inRunDirectory(path) : path;
    Safetensors.Contents contents = Safetensors.read(file);
    Module model = SmallCNN.create(new Rng(0));
    String description = file.toString();
    try {
      if (contents.metadata().containsKey(Checkpoint.SECTIONS_KEY)) {
        Checkpoint checkpoint = Checkpoint.fromContents(file, contents);
        model.loadStateDict(checkpoint.section("model"));
        description += " (" + stage(Trainer.Progress.fromMetadata(checkpoint.metadata())) + ")";
      } else {
        model.loadStateDict(contents.tensors());
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not the weights of SmallCNN: " + e.getMessage(), e);
    }
    model.eval();
    return new TrainedModel(model, "SmallCNN from " + description);
  }

  private static Path inRunDirectory(Path dir) throws IOException {
    for (String name : new String[] {Trainer.CHECKPOINT, Trainer.MODEL}) {
      Path file = dir.resolve(name);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    throw new IOException(
        String.format(
            "%s: neither %s nor %s found; give a run directory of train, or one of its files",
            dir, Trainer.CHECKPOINT, Trainer.MODEL));
  }

  private static String stage(Trainer.Progress progress) {
    return progress.batch() == 0
        ? "after epoch " + progress.epoch()
        : String.format("in epoch %d, after batch %d", progress.epoch() + 1, progress.batch());
  }
}
