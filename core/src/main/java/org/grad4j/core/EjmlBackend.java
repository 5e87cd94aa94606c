package org.grad4j.core;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The matrix product on EJML: {@code mult}, {@code multTransA}, {@code multTransB} and {@code
 * multTransAB}, which read transposed operands in place. Products of at least {@link
 * #CONCURRENT_THRESHOLD} multiply-adds use EJML's concurrent variants, whose pool is sized to
 * {@code grad4j.threads}.
 *
 * <p>The one exception to reading in place: a large {@code a · bᵀ} copies {@code bᵀ} into an array
 * of the {@link BufferPool} and runs the concurrent {@code mult}. EJML's {@code multTransB}
 * computes one dot product per element of C, and on the conv weight gradients and linear layers the
 * copy plus {@code mult} measured 1.3 to 2.3 times as fast as its concurrent {@code multTransB} (as
 * fast on conv1's, whose bᵀ has only 9 columns); the copy is made only because that is what makes
 * EJML fast.
 */
final class EjmlBackend implements MatMulBackend {
  /** Products with at least this many multiply-adds run on EJML's concurrent kernels. */
  static final long CONCURRENT_THRESHOLD = 1L << 18;

  static final EjmlBackend INSTANCE = new EjmlBackend();

  private EjmlBackend() {
    if (WorkerPool.threads() > 1) {
      EjmlConcurrency.setMaxThreads(WorkerPool.threads());
    }
  }

  @Override
  public String name() {
    return "ejml";
  }

  @Override
  public void multiply(
      DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
    long work = MatMul.checkProduct(a, transA, b, transB, c);
    boolean concurrent = WorkerPool.threads() > 1 && work >= CONCURRENT_THRESHOLD;
    if (concurrent) {
      WorkerPool.parkHelpers();
    }
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
        DMatrixRMaj bt = transposed(b);
        CommonOps_MT_DDRM.mult(a, bt, c);
        BufferPool.give(bt.data);
      } else {
        CommonOps_DDRM.multTransB(a, b, c);
      }
    } else if (concurrent) {
      CommonOps_MT_DDRM.mult(a, b, c);
    } else {
      CommonOps_DDRM.mult(a, b, c);
    }
  }

  /** {@code bᵀ} in an array from the {@link BufferPool}. */
  private static DMatrixRMaj transposed(DMatrixRMaj b) {
    int rows = b.numRows;
    int cols = b.numCols;
    DMatrixRMaj bt = DMatrixRMaj.wrap(cols, rows, BufferPool.take(rows * cols));
    Permutation.transpose(b.data, 0, cols, rows, cols, bt.data, 0, rows);
    return bt;
  }

  @Override
  public String toString() {
    return name();
  }
}
