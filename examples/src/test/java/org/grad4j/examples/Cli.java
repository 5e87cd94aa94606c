package org.grad4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code grad4j} command in this JVM and captures what it prints. */
final class Cli {
  private Cli() {}

  /** The exit code and the text printed on standard output and standard error. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit code " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  static Result run(String... args) {
    PrintStream savedOut = System.out;
    PrintStream savedErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.commandLine().execute(args);
    } finally {
      System.setOut(savedOut);
      System.setErr(savedErr);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
