package org.grad4j.examples;

import org.grad4j.core.MatMul;
import picocli.CommandLine.Option;

/**
 * The {@code --machine} option of the benchmarks that bench/compare.sh runs: {@code name value
 * unit} lines instead of a report for people.
 */
final class MachineOption {
  @Option(
      names = "--machine",
      description = "Print `name value unit` lines (as the peer scripts do) instead of a report.")
  boolean enabled;

  /**
   * Prints one line, {@code grad4j.<backend>.t<threads>.<name> <value> <unit>}, with the value
   * formatted by {@code valueFormat}.
   */
  static void print(String name, String valueFormat, double value, String unit) {
    System.out.printf(
        "grad4j.%s.t%d.%s " + valueFormat + " %s%n",
        MatMul.backendName(),
        MatMul.threads(),
        name,
        value,
        unit);
  }
}
