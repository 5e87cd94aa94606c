package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GradcheckCommandTest {
  @Test
  void everyOpPassesAndGetsARow() {
    PrintStream saved = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.commandLine().execute("gradcheck");
    } finally {
      System.setOut(saved);
    }
    String table = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, table);
    for (String op :
        new String[] {"conv2d", "maxPool2d", "batchNorm2d", "crossEntropy", "matmul"}) {
      assertTrue(table.lines().anyMatch(l -> l.startsWith(op) && l.endsWith("pass")), table);
    }
  }
}
