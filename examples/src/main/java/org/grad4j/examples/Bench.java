package org.grad4j.examples;

import picocli.CommandLine.Command;

/** The benchmarks, one subcommand each. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Benchmarks: medians of repeated runs after warm-up.",
    subcommands = {BenchConv.class, BenchTrain.class, BenchGemm.class})
final class Bench implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }
}
