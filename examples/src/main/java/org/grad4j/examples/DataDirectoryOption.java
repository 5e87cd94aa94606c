package org.grad4j.examples;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data} option of the commands that read Fashion-MNIST (or MNIST) IDX files. */
final class DataDirectoryOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Directory with the four IDX files (gzipped or not).")
  Path directory;
}
