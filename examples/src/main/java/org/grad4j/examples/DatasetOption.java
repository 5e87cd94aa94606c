package org.grad4j.examples;

import picocli.CommandLine.Option;

/** The {@code --dataset} option: Fashion-MNIST or MNIST, and so the class names. */
final class DatasetOption {
  @Option(
      names = "--dataset",
      defaultValue = "FASHION",
      description = "FASHION or MNIST: which class names (default: ${DEFAULT-VALUE}).")
  DataKind kind;
}
