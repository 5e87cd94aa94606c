package org.grad4j.examples;

/** Text about the compute setup, for benchmark headers. */
final class Backends {
  private Backends() {}

  static String describe() {
    return String.format(
        "%d processors, Java %s", Runtime.getRuntime().availableProcessors(), Runtime.version());
  }
}
