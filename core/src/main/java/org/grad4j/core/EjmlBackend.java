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

  @Override
  public String toString() {
    return name();
  }
}
