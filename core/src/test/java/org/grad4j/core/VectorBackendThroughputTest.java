package org.grad4j.core;

import static org.ejml.dense.row.RandomMatrices_DDRM.rectangleGaussian;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A performance self-test. The JIT can compile the Vector backend into code that boxes its vectors,
 * which leaves results correct but 40 to 60 times slower, without warning; here that fails the
 * build. The Vector backend, on one thread, must be at least ten times as fast as a plain triple
 * loop (on the AVX-512 development machine it is 15 to 20 times as fast).
 */
class VectorBackendThroughputTest {
  /** A mid-size product with edge tiles, below the size that is split over threads. */
  private static final int M = 100;

  private static final int K = 288;
  private static final int N = 130;

  private static final long WARM_UP_NANOS = 2_000_000_000L;

  @ParameterizedTest(name = "transA={0}, transB={1}")
  @CsvSource({"false, false", "true, false", "false, true", "true, true"})
  void isAtLeastTenTimesATripleLoop(boolean transA, boolean transB) {
    assertTrue((long) M * K * N < VectorBackend.CONCURRENT_THRESHOLD);
    Random random = new Random(7);
    DMatrixRMaj a =
        transA ? rectangleGaussian(K, M, 0, 1, random) : rectangleGaussian(M, K, 0, 1, random);
    DMatrixRMaj b =
        transB ? rectangleGaussian(N, K, 0, 1, random) : rectangleGaussian(K, N, 0, 1, random);
    DMatrixRMaj c = new DMatrixRMaj(M, N);
    MatMulBackend vector = MatMul.backend("vector");

    long start = System.nanoTime();
    for (int call = 0; call < 300 && System.nanoTime() - start < WARM_UP_NANOS; call++) {
      vector.multiply(a, transA, b, transB, c);
    }
    long vectorNanos = Long.MAX_VALUE;
    for (int run = 0; run < 20; run++) {
      long t = System.nanoTime();
      vector.multiply(a, transA, b, transB, c);
      vectorNanos = Math.min(vectorNanos, System.nanoTime() - t);
    }
    long loopNanos = Long.MAX_VALUE;
    for (int run = 0; run < 5; run++) {
      long t = System.nanoTime();
      tripleLoop(a.data, transA, b.data, transB, c.data);
      loopNanos = Math.min(loopNanos, System.nanoTime() - t);
    }

    double flops = 2.0 * M * K * N;
    double vectorGflops = flops / vectorNanos;
    double loopGflops = flops / loopNanos;
    assertTrue(
        loopNanos >= 10 * vectorNanos,
        String.format(
            "the Vector GEMM runs at %.2f GFLOP/s, only %.1f times a triple loop (%.2f GFLOP/s):"
                + " has the JIT boxed its vectors?",
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
