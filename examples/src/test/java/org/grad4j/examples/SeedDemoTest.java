package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SeedDemoTest {
  @Test
  void printsTheNotebooksNumbersInNumpyLayout() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    SeedDemo.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);
    for (String expected :
        new String[] {
          "[[[[10197., 10548.],\n   [11601., 11952.]]",
          "[[77346., 78426.],\n   [81666., 82746.]]]]",
          "x.grad (upstream gradient of ones): shape (2,3,4,4)",
          "[[[[ 27.,  56.,  60.,  31.]",
          "[ 75., 152., 156.,  79.]]]]",
          "[[[[212., 220., 228.]",
          "b.grad: shape (2,)\n[8., 8.]"
        }) {
      assertTrue(out.contains(expected), () -> "missing <" + expected + "> in:\n" + out);
    }
  }
}
