package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SwishDemoTest {
  @Test
  void printsValuesAndPassingGradientChecks() {
    Cli.Result result = Cli.run("swish-demo");
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().contains("   0.0     0.000000       0.500000"), result::toString);
    assertTrue(
        result.out().contains("first derivatives:  gradcheck passed: 12 elements"),
        result::toString);
    assertTrue(
        result.out().contains("second derivatives: gradcheck passed: 12 elements"),
        result::toString);
  }
}
