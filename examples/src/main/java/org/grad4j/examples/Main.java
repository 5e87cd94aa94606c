package org.grad4j.examples;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code grad4j} command: one subcommand per example program. */
@Command(
    name = "grad4j",
    mixinStandardHelpOptions = true,
    version = "grad4j 0.1.0",
    description = "A pure-Java deep-learning framework for small CNNs: runnable examples.",
    subcommands = {
      TrainCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      SpiralCommand.class,
      SeedDemo.class,
      GradcheckCommand.class,
      SwishDemo.class,
      Bench.class
    })
public final class Main implements Runnable {
  /** Runs the subcommand named in {@code args}; with no arguments, the default job. */
  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"train"} : args;
    System.exit(new CommandLine(new Main()).execute(effective));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
