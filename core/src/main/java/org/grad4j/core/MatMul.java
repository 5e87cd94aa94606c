package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ejml.data.DMatrixRMaj;

/**
 * The one gateway through which every matrix product in grad4j runs.
 *
 * <p>Operands are wrapped as EJML {@link DMatrixRMaj} over the tensors' own storage, never copied;
 * a transposed operand is read in place by the backend rather than copied. The backend is EJML
 * unless the system property {@code grad4j.matmul=vector} selects the Vector API GEMM (which needs
 * the JVM option {@code --add-modules jdk.incubator.vector}; without it the gateway says so once on
 * stderr and uses EJML). Products large enough to gain from several cores use {@code
 * grad4j.threads} threads (default: the available processors).
 */
public final class MatMul {
  private MatMul() {}

  /** The name of the backend products run on: {@code "ejml"} or {@code "vector"}. */
  public static String backendName() {
    return MatMulBackends.active().name();
  }

  /** The number of threads large products use, the caller included ({@code grad4j.threads}). */
  public static int threads() {
    return WorkerPool.threads();
  }

  /**
   * Whether {@code name} names a backend ({@code ejml} or {@code vector}, any case), whether or not
   * this JVM can run it; nothing is loaded.
   */
  public static boolean isBackendName(String name) {
    return MatMulBackends.NAMES.contains(name.trim().toLowerCase(Locale.ROOT));
  }

  /** The names of the backends this JVM can run; {@code "vector"} needs its module. */
  public static List<String> backendNames() {
    return MatMulBackends.available();
  }

  /**
   * The backend called {@code name}, to run products on a chosen backend (benchmarks, tests).
   *
   * @throws IllegalArgumentException if there is no backend of that name
   * @throws IllegalStateException if it is {@code "vector"} and the JVM lacks {@code
   *     jdk.incubator.vector}
   */
  public static MatMulBackend backend(String name) {
    return MatMulBackends.named(name);
  }

  /**
   * {@code op(a) · op(b)}, where {@code op} transposes its matrix when the flag is set.
   *
   * @throws IllegalArgumentException if an operand is not a matrix or the inner dimensions differ
   */
  public static Tensor multiply(Tensor a, boolean transA, Tensor b, boolean transB) {
    int[] mkn = matrixProductDims(a, transA, b, transB);
    double[] out = new double[mkn[0] * mkn[2]];
    multiplyInto(a, transA, b, transB, out);
    return new Tensor(Shape.of(mkn[0], mkn[2]), out);
  }

  /**
   * {@link #multiply} into the first {@code m·n} elements of {@code out}, row-major, for core's
   * kernels that consume the product at once and keep {@code out} for the next call.
   *
   * @throws IllegalArgumentException as {@link #multiply}, or if {@code out} is too short
   */
  static void multiplyInto(Tensor a, boolean transA, Tensor b, boolean transB, double[] out) {
    int[] mkn = matrixProductDims(a, transA, b, transB);
    int m = mkn[0];
    int n = mkn[2];
    checkArgument(
        out.length >= m * n,
        "matmul: output of %s elements for a (%s,%s) product",
        out.length,
        m,
        n);
    long start = System.nanoTime();
    if (mkn[1] > 0) {
      MatMulBackends.active()
          .multiply(wrap(a), transA, wrap(b), transB, DMatrixRMaj.wrap(m, n, out));
    } else {
      Arrays.fill(out, 0, m * n, 0.0);
    }
    KernelTimer.add(KernelTimer.Kernel.MATMUL, start);
  }

  /**
   * {@code op(a) · op(b)} for stacks of matrices, as NumPy's and PyTorch's {@code matmul}: the last
   * two axes hold the matrices, the leading (batch) axes broadcast, so {@code (2,1,3,4) @ (5,4,6)}
   * is {@code (2,5,3,6)}. Two matrices go to {@link #multiply}, and so does an untransposed stack
   * times a single matrix: {@code (B,m,k) · op(b)} is {@code (B·m,k) · op(b)} on the same storage,
   * as {@code linear} flattens its input into rows. Otherwise each batch product runs through the
   * same backend, on an operand's storage when it holds a single matrix and else on a copy of the
   * batch's matrix in a buffer reused across the batch.
   *
   * @throws IllegalArgumentException if an operand has rank below 2, the inner dimensions differ or
   *     the batch dimensions do not broadcast
   */
  public static Tensor multiplyBatched(Tensor a, boolean transA, Tensor b, boolean transB) {
    checkArgument(
        a.rank() >= 2 && b.rank() >= 2,
        "matmul: expected matrices or stacks of matrices (rank at least 2), got %s @ %s",
        a.shape(),
        b.shape());
    if (a.rank() == 2 && b.rank() == 2) {
      return multiply(a, transA, b, transB);
    }
    int[] mkn = productDims(a.shape(), transA, b.shape(), transB);
    int m = mkn[0];
    int k = mkn[1];
    int n = mkn[2];
    Shape batchA = batchShape(a.shape());
    Shape batchB = batchShape(b.shape());
    String op = String.format("matmul: %s @ %s batch dimensions", a.shape(), b.shape());
    Shape batch = Shape.broadcast(batchA, batchB, op);
    int[] outDims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
    outDims[batch.rank()] = m;
    outDims[batch.rank() + 1] = n;
    Shape outShape = Shape.of(outDims);
    if (!transA && batchB.size() == 1) {
      Tensor rows = a.reshape(batchA.size() * m, k);
      Tensor matrix = b.reshape(b.shape().dim(-2), b.shape().dim(-1));
      return multiply(rows, false, matrix, transB).reshape(outShape);
    }
    long start = System.nanoTime();
    double[] out = new double[outShape.size()];
    if (k > 0) {
      Operand left = new Operand(a);
      Operand right = new Operand(b);
      DMatrixRMaj c = new DMatrixRMaj(m, n);
      MatMulBackend backend = MatMulBackends.active();
      StridedCursor cursor =
          new StridedCursor(
              batch.dims(),
              StridedCursor.broadcastStrides(batchA, batch),
              StridedCursor.broadcastStrides(batchB, batch));
      for (int i = 0; i < batch.size(); i++) {
        backend.multiply(
            left.matrix(cursor.offset(0)), transA, right.matrix(cursor.offset(1)), transB, c);
        System.arraycopy(c.data, 0, out, i * m * n, m * n);
        cursor.next();
      }
    }
    KernelTimer.add(KernelTimer.Kernel.MATMUL, start);
    return new Tensor(outShape, out);
  }

  /**
   * The sizes {@code {m, k, n}} of the product of two matrices {@code op(a) (m,k) · op(b) (k,n)}.
   *
   * @throws IllegalArgumentException if an operand is not a matrix or the inner dimensions differ
   */
  private static int[] matrixProductDims(Tensor a, boolean transA, Tensor b, boolean transB) {
    checkArgument(
        a.rank() == 2 && b.rank() == 2,
        "matmul: expected two matrices, got %s @ %s",
        a.shape(),
        b.shape());
    return productDims(a.shape(), transA, b.shape(), transB);
  }

  /**
   * The sizes {@code {m, k, n}} of {@code op(a) (m,k) · op(b) (k,n)} from the last two axes.
   *
   * @throws IllegalArgumentException if the inner dimensions differ
   */
  private static int[] productDims(Shape a, boolean transA, Shape b, boolean transB) {
    int m = a.dim(transA ? -1 : -2);
    int innerA = a.dim(transA ? -2 : -1);
    int innerB = b.dim(transB ? -1 : -2);
    int n = b.dim(transB ? -2 : -1);
    checkArgument(
        innerA == innerB,
        "matmul: %s%s @ %s%s: inner dimensions %s and %s differ",
        a,
        transA ? "ᵀ" : "",
        b,
        transB ? "ᵀ" : "",
        innerA,
        innerB);
    return new int[] {m, innerA, n};
  }

  /** The leading axes of a stack of matrices. */
  private static Shape batchShape(Shape shape) {
    return Shape.of(Arrays.copyOf(shape.dims(), shape.rank() - 2));
  }

  /**
   * The matrices of one operand of a batched product, by batch index: its own storage when it holds
   * one matrix, else a buffer into which the requested matrix is copied when it changes.
   */
  private static final class Operand {
    private final double[] data;
    private final DMatrixRMaj matrix;
    private final boolean single;
    private int loaded = -1;

    Operand(Tensor t) {
      int rows = t.shape().dim(-2);
      int cols = t.shape().dim(-1);
      data = t.data;
      single = t.size() == rows * cols;
      matrix = single ? DMatrixRMaj.wrap(rows, cols, data) : new DMatrixRMaj(rows, cols);
    }

    DMatrixRMaj matrix(int index) {
      if (!single && index != loaded) {
        int size = matrix.getNumElements();
        System.arraycopy(data, index * size, matrix.data, 0, size);
        loaded = index;
      }
      return matrix;
    }
  }

  /**
   * Checks the operands of {@code c = op(a) · op(b)} for a backend and returns the number of
   * multiply-adds.
   *
   * @throws IllegalArgumentException if the inner dimensions differ, {@code c} has the wrong shape
   *     or shares storage with an operand
   */
  static long checkProduct(
      DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
    Shape shapeA = Shape.of(a.numRows, a.numCols);
    Shape shapeB = Shape.of(b.numRows, b.numCols);
    int[] mkn = productDims(shapeA, transA, shapeB, transB);
    checkArgument(
        c.numRows == mkn[0] && c.numCols == mkn[2],
        "matmul: %s%s @ %s%s is (%s,%s) but the output is (%s,%s)",
        shapeA,
        transA ? "ᵀ" : "",
        shapeB,
        transB ? "ᵀ" : "",
        mkn[0],
        mkn[2],
        c.numRows,
        c.numCols);
    checkArgument(
        c.data != a.data && c.data != b.data,
        "matmul: the output must not share storage with an operand");
    return (long) mkn[0] * mkn[1] * mkn[2];
  }

  private static DMatrixRMaj wrap(Tensor t) {
    return DMatrixRMaj.wrap(t.shape().dim(0), t.shape().dim(1), t.data);
  }
}
