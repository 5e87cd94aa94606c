package org.grad4j.examples;

import picocli.CommandLine.Option;

/** The {@code --runs} option of the benchmarks that time each piece of work separately. */
final class RunsOption {
  @Option(
      names = "--runs",
      defaultValue = "7",
      paramLabel = "<runs>",
      description = "Timed runs (default: ${DEFAULT-VALUE}).")
  int count;
}
