package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The one gateway through which every matrix product in grad4j runs.
 *
 * <p>Operands are wrapped as EJML {@link DMatrixRMaj} over the tensors' own storage, never copied;
 * a transposed operand is expressed through EJML's {@code multTransA}/{@code multTransB} rather
 * than a transposed copy. Products large enough to gain from several cores use EJML's concurrent
 * variants.
 */
public final class MatMul {
  /** Products with at least this many multiply-adds run on EJML's concurrent kernels. */
  static final long CONCURRENT_THRESHOLD = 1L << 18;

  private MatMul() {}

  /**
   * {@code op(a) · op(b)}, where {@code op} transposes its matrix when the flag is set.
   *
   * @throws IllegalArgumentException if an operand is not a matrix or the inner dimensions differ
   */
  public static Tensor multiply(Tensor a, boolean transA, Tensor b, boolean transB) {
    checkArgument(
        a.rank() == 2 && b.rank() == 2,
        "matmul: expected two matrices, got %s @ %s",
        a.shape(),
        b.shape());
    int m = transA ? a.shape().dim(1) : a.shape().dim(0);
    int innerA = transA ? a.shape().dim(0) : a.shape().dim(1);
    int innerB = transB ? b.shape().dim(1) : b.shape().dim(0);
    int n = transB ? b.shape().dim(0) : b.shape().dim(1);
    checkArgument(
        innerA == innerB,
        "matmul: %s%s @ %s%s: inner dimensions %s and %s differ",
        a.shape(),
        transA ? "ᵀ" : "",
        b.shape(),
        transB ? "ᵀ" : "",
        innerA,
        innerB);
    long start = System.nanoTime();
    double[] out = new double[m * n];
    if (innerA > 0) {
      multiply(
          wrap(a), transA, wrap(b), transB, DMatrixRMaj.wrap(m, n, out), (long) m * n * innerA);
    }
    KernelTimer.add(KernelTimer.Kernel.MATMUL, start);
    return new Tensor(Shape.of(m, n), out);
  }

  private static DMatrixRMaj wrap(Tensor t) {
    return DMatrixRMaj.wrap(t.shape().dim(0), t.shape().dim(1), t.data);
  }

  private static void multiply(
      DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c, long work) {
    boolean concurrent = work >= CONCURRENT_THRESHOLD;
    if (transA && transB) {
      if (concurrent) {
        CommonOps_MT_DDRM.multTransAB(a, b, c);
      } else {
        CommonOps_DDRM.multTransAB(a, b, c);
      }
    } else if (transA) {
      if (concurrent) {
        CommonOps_MT_DDRM.multTransA(a, b, c);
      } else {
        CommonOps_DDRM.multTransA(a, b, c);
      }
    } else if (transB) {
      if (concurrent) {
        CommonOps_MT_DDRM.multTransB(a, b, c);
      } else {
        CommonOps_DDRM.multTransB(a, b, c);
      }
    } else if (concurrent) {
      CommonOps_MT_DDRM.mult(a, b, c);
    } else {
      CommonOps_DDRM.mult(a, b, c);
    }
  }
}
