package org.grad4j.examples;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
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
    System.exit(commandLine().execute(effective));
  }

  /**
   * The command line, set up so that a failure the user can fix (bad data, a bad checkpoint, an
   * invalid option value) prints one line, {@code grad4j <command>: <message>}, and exits with 1
   * instead of printing a stack trace.
   */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (!(e instanceof IOException || e instanceof IllegalArgumentException)) {
            throw e;
          }
          // The JDK's missing-file exception carries only the path.
          String message =
              e instanceof NoSuchFileException missing
                  ? missing.getFile() + ": no such file"
                  : e.getMessage();
          commandLine
              .getErr()
              .printf("%s: %s%n", commandLine.getCommandSpec().qualifiedName(), message);
          return 1;
        });
    return cli;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
