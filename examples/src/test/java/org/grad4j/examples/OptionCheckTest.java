package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad compute and benchmark options are rejected while the command line is parsed, with the option
 * and what was expected, before anything runs (a bad thread count used to surface as a stack trace
 * from the core's first kernel, a zero run count as an index error).
 */
class OptionCheckTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "train --threads 0 | --threads 0: expected at least 1",
        "train --backend blas | --backend blas: expected ejml or vector",
        "bench conv --runs 0 | --runs 0: expected at least 1",
        "bench conv --shapes S1,S9 | unknown shape S9; expected one of S0..S5",
        "bench train --steps -2 | --steps -2: expected at least 1",
        "bench gemm --warmup -1 | --warmup -1: expected 0 or more"
      })
  void badOptionsAreNamedWithWhatWasExpected(String args, String message) {
    Cli.Result result = Cli.run(args.split(" "));
    assertNotEquals(0, result.exitCode(), result::toString);
    assertTrue(result.err().contains(message), result::toString);
    assertTrue(result.out().isEmpty(), "nothing ran: " + result);
  }
}
