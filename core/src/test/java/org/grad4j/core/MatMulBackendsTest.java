package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatMulBackendsTest {
  @Test
  void theGatewayRunsOnTheBackendTheBuildAsksFor() {
    // Surefire runs the suite once with grad4j.matmul=ejml and once with grad4j.matmul=vector.
    assertEquals(System.getProperty(MatMulBackends.PROPERTY, "ejml"), MatMul.backendName());
  }

  @Test
  void theTestJvmHasTheVectorModule() {
    assertEquals(List.of("ejml", "vector"), MatMul.backendNames());
  }

  @Test
  void vectorWithoutItsModuleFallsBackToEjmlInOneLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertSame(EjmlBackend.INSTANCE, MatMulBackends.select("vector", false, err));
    assertEquals(
        "grad4j: grad4j.matmul=vector needs the JVM option --add-modules jdk.incubator.vector;"
            + " using ejml"
            + System.lineSeparator(),
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void eachNameSelectsItsBackendQuietly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertEquals("ejml", MatMulBackends.select("ejml", false, err).name());
    assertEquals("vector", MatMulBackends.select(" Vector ", true, err).name());
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anUnknownNameIsRejected() {
    assertIllegalArgument(
        () -> MatMul.backend("blas"), "no backend called \"blas\"", "ejml", "vector");
  }
}
