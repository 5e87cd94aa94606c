package org.grad4j.examples;

import org.grad4j.core.MatMul;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --backend} and {@code --threads} options. They set the system properties the core
 * kernels read once, at their first use — after option parsing and before any computation.
 */
final class ComputeOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--backend",
      description =
          "Matrix-product backend: ejml or vector (the launcher's default: vector; the"
              + " library's: ejml).")
  void setBackend(String backend) {
    if (!MatMul.isBackendName(backend)) {
      throw new ParameterException(
          spec.commandLine(), "--backend " + backend + ": expected ejml or vector");
    }
    System.setProperty("grad4j.matmul", backend);
  }

  @Option(
      names = "--threads",
      description = "Threads for matrix products and large kernels (default: all processors).")
  void setThreads(int threads) {
    if (threads < 1) {
      throw new ParameterException(
          spec.commandLine(), "--threads " + threads + ": expected at least 1");
    }
    System.setProperty("grad4j.threads", Integer.toString(threads));
  }

  /** One line about the compute setup, for run headers. */
  static String describe() {
    return String.format(
        "compute: %s matrix products, %s thread%s, Java %s",
        MatMul.backendName(),
        MatMul.threads(),
        MatMul.threads() == 1 ? "" : "s",
        Runtime.version());
  }
}
