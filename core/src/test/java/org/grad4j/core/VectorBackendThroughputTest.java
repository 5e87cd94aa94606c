package org.grad4j.core;

import static org.ejml.dense.row.RandomMatrices_DDRM.rectangleGaussian;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A performance self-test. The JIT can compile the Vector backend into code that boxes its vectors,
 * which leaves results correct but 40 to 60 times slower, without warning; here that fails the
 * build. On one thread the Vector backend is normally 13 to 19 times as fast as a plain triple loop
 * (AVX2 or AVX-512, JDK 17 or 25; the JIT runs this loop at about 2.5 GFLOP/s) and below 1 time
 * after such a cliff, so the test asks for 5 times. Both are timed in CPU time of the calling
 * thread, which other processes on a shared machine do not inflate.
 */
class VectorBackendThroughputTest {
  /** A mid-size product with edge tiles, below the size that is split over threads. */
  private static final int M = 100;

  private static final int K = 288;
  private static final int N = 130;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @ParameterizedTest(name = "transA={0}, transB={1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  void isAtLeastFiveTimesATripleLoop(boolean transA, boolean transB) {
    assertTrue((long) M * K * N < VectorBackend.CONCURRENT_THRESHOLD);
    Random random = new Random(7);
    DMatrixRMaj a =
        transA ? rectangleGaussian(K, M, 0, 1, random) : rectangleGaussian(M, K, 0, 1, random);
    DMatrixRMaj b =
        transB ? rectangleGaussian(N, K, 0, 1, random) : rectangleGaussian(K, N, 0, 1, random);
    DMatrixRMaj c = new DMatrixRMaj(M, N);
    MatMulBackend vector = MatMul.backend("vector");

    // Warm up until the JIT has compiled the kernels (it may be starved on a busy machine).
    long start = System.nanoTime();
    for (int call = 0; call < 2000 && System.nanoTime() - start < 5_000_000_000L; call++) {
      vector.multiply(a, transA, b, transB, c);
    }
    long vectorNanos = Long.MAX_VALUE;
    for (int run = 0; run < 30; run++) {
      long t = THREADS.getCurrentThreadCpuTime();
      vector.multiply(a, transA, b, transB, c);
      vectorNanos = Math.min(vectorNanos, THREADS.getCurrentThreadCpuTime() - t);
    }
    long loopNanos = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      long t = THREADS.getCurrentThreadCpuTime();
      tripleLoop(a.data, transA, b.data, transB, c.data);
      loopNanos = Math.min(loopNanos, THREADS.getCurrentThreadCpuTime() - t);
    }

    double flops = 2.0 * M * K * N;
    double vectorGflops = flops / vectorNanos;
    double loopGflops = flops / loopNanos;
    assertTrue(
        loopNanos >= 5 * vectorNanos,
        String.format(
            "the Vector GEMM runs at %.2f GFLOP/s, only %.1f times a triple loop (%.2f GFLOP/s):"
                + " are its vectors boxed (a kernel left to C1, or a vector through a branch or"
                + " a call)?",
            vectorGflops, vectorGflops / loopGflops, loopGflops));
  }

  /** {@code c = op(a) · op(b)} for M × K times K × N, one dot product per element. */
  private static void tripleLoop(
      double[] a, boolean transA, double[] b, boolean transB, double[] c) {
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < N; j++) {
        double s = 0;
        for (int p = 0; p < K; p++) {
          s += a[transA ? p * M + i : i * K + p] * b[transB ? j * K + p : p * N + j];
        }
        c[i * N + j] = s;
      }
    }
  }
}
