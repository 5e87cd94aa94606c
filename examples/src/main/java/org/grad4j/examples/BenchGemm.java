package org.grad4j.examples;

import java.util.List;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.grad4j.core.MatMul;
import org.grad4j.core.MatMulBackend;
import org.grad4j.core.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * GFLOP/s of the matrix-product gateway on the products SmallCNN and the peer conv shapes make, for
 * every backend this JVM can run.
 */
@Command(
    name = "gemm",
    mixinStandardHelpOptions = true,
    description = "GFLOP/s of each matrix-product backend on the conv layers' product shapes.")
final class BenchGemm implements Callable<Integer> {
  @Mixin ComputeOptions compute;

  @Spec CommandSpec spec;

  @Mixin RunsOption runs;

  @Option(
      names = "--warmup",
      defaultValue = "5",
      description =
          "Warm-up rounds, each running every product --runs times in the order they are timed"
              + " (default: ${DEFAULT-VALUE}): the JIT settles on the Vector kernels only after"
              + " the products have alternated a few times.")
  int warmup;

  /** A product {@code op(A)·op(B)} of {@code m×k} by {@code k×n}, named after where it occurs. */
  private record Product(String name, int m, int k, int n, boolean transA, boolean transB) {
    double flops() {
      return 2.0 * m * k * n;
    }
  }

  private static final List<Product> PRODUCTS =
      List.of(
          new Product("S2 forward  W·cols", 64, 288, 6272, false, false),
          new Product("S2 weight   cols·gYᵀ", 288, 6272, 64, false, false),
          new Product("S2 input    Wᵀ·gY", 288, 64, 6272, true, false),
          new Product("conv1 fwd   W·cols", 32, 9, 50176, false, false),
          new Product("conv2 fwd   W·cols", 64, 288, 12544, false, false),
          new Product("conv2 input Wᵀ·gY", 288, 64, 12544, true, false),
          new Product("conv1 weight gY·colsᵀ", 32, 50176, 9, false, true),
          new Product("conv2 weight cols·gYᵀ", 288, 12544, 64, false, true),
          new Product("S3 weight   gY·colsᵀ", 64, 32768, 27, false, true),
          new Product("S4 weight   cols·gYᵀ", 576, 25088, 64, false, true),
          new Product("S5 weight   cols·gYᵀ", 400, 12544, 16, false, true),
          new Product("fc1 fwd     x·Wᵀ", 64, 3136, 128, false, true),
          new Product("fc2 fwd     h·Wᵀ", 64, 128, 10, false, true),
          new Product("fc1 weight  gyᵀ·x", 128, 64, 3136, true, false));

  @Override
  public Integer call() {
    Timing.checkCounts(spec, "--runs", runs.count, warmup);
    System.out.printf("matrix-product gateway, float64; %s%n", ComputeOptions.describe());
    List<String> backends = MatMul.backendNames();
    System.out.printf("%-22s %-20s", "product", "m×k·k×n");
    for (String b : backends) {
      System.out.printf(" %12s", b + " GF/s");
    }
    System.out.println();
    Rng rng = new Rng(0);
    List<Operands> operands = PRODUCTS.stream().map(p -> Operands.random(p, rng)).toList();
    // One backend at a time, the whole timed sequence run a few times first: the JIT recompiles
    // the Vector kernels while the product shapes alternate (measured: the S2 products ran at half
    // speed for the first two rounds after 25 runs of each product in turn), and the two backends'
    // threads do not mix.
    List<double[]> gflops =
        backends.stream()
            .map(MatMul::backend)
            .map(backend -> Timing.measure(warmup, 1, () -> gflops(operands, backend)).get(0))
            .toList();
    for (int i = 0; i < operands.size(); i++) {
      Product p = operands.get(i).product();
      System.out.printf("%-22s %-20s", p.name(), p.m() + "×" + p.k() + "·" + p.k() + "×" + p.n());
      for (double[] g : gflops) {
        System.out.printf(" %12.1f", g[i]);
      }
      System.out.println();
    }
    return 0;
  }

  /** The GFLOP/s of each product on {@code backend}, from the median of --runs runs in turn. */
  private double[] gflops(List<Operands> operands, MatMulBackend backend) {
    return operands.stream()
        .mapToDouble(
            o -> {
              List<Double> seconds =
                  Timing.measure(
                      0,
                      runs.count,
                      () -> {
                        long t0 = System.nanoTime();
                        o.multiplyOn(backend);
                        return (System.nanoTime() - t0) / 1e9;
                      });
              return o.product().flops() / Timing.median(seconds, Double::doubleValue) / 1e9;
            })
        .toArray();
  }

  /** Random operands of a product and its output matrix. */
  private record Operands(Product product, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
    static Operands random(Product p, Rng rng) {
      return new Operands(
          p,
          BenchGemm.random(rng, p.transA() ? p.k() : p.m(), p.transA() ? p.m() : p.k()),
          BenchGemm.random(rng, p.transB() ? p.n() : p.k(), p.transB() ? p.k() : p.n()),
          new DMatrixRMaj(p.m(), p.n()));
    }

    void multiplyOn(MatMulBackend backend) {
      backend.multiply(a, product.transA(), b, product.transB(), c);
    }
  }

  private static DMatrixRMaj random(Rng rng, int rows, int cols) {
    DMatrixRMaj m = new DMatrixRMaj(rows, cols);
    for (int i = 0; i < m.data.length; i++) {
      m.data[i] = rng.nextDouble() - 0.5;
    }
    return m;
  }
}
