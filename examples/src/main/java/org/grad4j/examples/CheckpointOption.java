package org.grad4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --checkpoint} option of the commands that use a trained model. */
final class CheckpointOption {
  @Option(
      names = "--checkpoint",
      required = true,
      paramLabel = "PATH",
      description =
          "A run directory of train, or its checkpoint.safetensors or model.safetensors; for a"
              + " directory, its checkpoint (the latest state) is used if there is one.")
  Path path;

  /** The model the option names. */
  TrainedModel load() throws IOException {
    return TrainedModel.load(path);
  }
}
