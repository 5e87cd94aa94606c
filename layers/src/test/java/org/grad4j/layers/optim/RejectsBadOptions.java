package org.grad4j.layers.optim;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A test class that implements this supplies {@code static Stream<Arguments> badOptions()}, rows
 * made with {@link #bad}, and inherits the test that each row's builder is rejected.
 */
interface RejectsBadOptions {
  /** A row of {@code badOptions()}: {@code build} must fail with {@code message} in its message. */
  static Arguments bad(String message, Executable build) {
    return Arguments.of(message, build);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badOptions")
  default void badOptionsAreRejected(String message, Executable build) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }
}
