package org.grad4j.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel of {@link VectorBackend}: a 6 × NR tile of C held in 12 vector
 * registers (6 rows × 2 vectors of the preferred species, so NR is 16 columns with AVX-512 and 8
 * with AVX2), updated per step of the inner dimension by one broadcast of A and two fused
 * multiply-adds per row. A is read through two strides, so one kernel serves a packed panel, a
 * row-major A in place and a transposed A in place.
 *
 * <p>Each store case is its own straight-line method and no vector value crosses a branch or a
 * call: the JIT then keeps every accumulator in a register (a vector merged through a branch or
 * passed to a method may be boxed, which leaves results correct but makes the product tens of times
 * slower). The near-duplicate method bodies below are therefore deliberate: do not merge them.
 */
final class VectorMicroKernel {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int L = SPECIES.length();

  /** Rows of a tile. */
  static final int MR = 6;

  /** Columns of a tile: two vectors. */
  static final int NR = 2 * L;

  private VectorMicroKernel() {}

  /**
   * {@code c = a · b} on one 6 × NR tile of C at {@code c[ci]} (row stride {@code ldc}), over
   * {@code kc} steps: step {@code p} reads row {@code r} of the A panel at {@code a[ai + p * aStep
   * + r * rowStride]} and the B sliver's NR values at {@code b[bi + p * NR]}.
   */
  static void set(
      int kc,
      double[] a,
      int ai,
      int aStep,
      int rowStride,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc) {
    int a2Offset = 2 * rowStride;
    int a3Offset = 3 * rowStride;
    int a4Offset = 4 * rowStride;
    int a5Offset = 5 * rowStride;
    DoubleVector c00 = DoubleVector.zero(SPECIES);
    DoubleVector c01 = DoubleVector.zero(SPECIES);
    DoubleVector c10 = DoubleVector.zero(SPECIES);
    DoubleVector c11 = DoubleVector.zero(SPECIES);
    DoubleVector c20 = DoubleVector.zero(SPECIES);
    DoubleVector c21 = DoubleVector.zero(SPECIES);
    DoubleVector c30 = DoubleVector.zero(SPECIES);
    DoubleVector c31 = DoubleVector.zero(SPECIES);
    DoubleVector c40 = DoubleVector.zero(SPECIES);
    DoubleVector c41 = DoubleVector.zero(SPECIES);
    DoubleVector c50 = DoubleVector.zero(SPECIES);
    DoubleVector c51 = DoubleVector.zero(SPECIES);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bi);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bi + L);
      DoubleVector a0 = DoubleVector.broadcast(SPECIES, a[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(SPECIES, a[ai + rowStride]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(SPECIES, a[ai + a2Offset]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(SPECIES, a[ai + a3Offset]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(SPECIES, a[ai + a4Offset]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(SPECIES, a[ai + a5Offset]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      ai += aStep;
      bi += NR;
    }
    c00.intoArray(c, ci);
    c01.intoArray(c, ci + L);
    c10.intoArray(c, ci + ldc);
    c11.intoArray(c, ci + ldc + L);
    c20.intoArray(c, ci + 2 * ldc);
    c21.intoArray(c, ci + 2 * ldc + L);
    c30.intoArray(c, ci + 3 * ldc);
    c31.intoArray(c, ci + 3 * ldc + L);
    c40.intoArray(c, ci + 4 * ldc);
    c41.intoArray(c, ci + 4 * ldc + L);
    c50.intoArray(c, ci + 5 * ldc);
    c51.intoArray(c, ci + 5 * ldc + L);
  }

  /**
   * {@code c += a · b} on one 6 × NR tile of C at {@code c[ci]} (row stride {@code ldc}), over
   * {@code kc} steps: step {@code p} reads row {@code r} of the A panel at {@code a[ai + p * aStep
   * + r * rowStride]} and the B sliver's NR values at {@code b[bi + p * NR]}.
   */
  static void add(
      int kc,
      double[] a,
      int ai,
      int aStep,
      int rowStride,
      double[] b,
      int bi,
      double[] c,
      int ci,
      int ldc) {
    int a2Offset = 2 * rowStride;
    int a3Offset = 3 * rowStride;
    int a4Offset = 4 * rowStride;
    int a5Offset = 5 * rowStride;
    DoubleVector c00 = DoubleVector.zero(SPECIES);
    DoubleVector c01 = DoubleVector.zero(SPECIES);
    DoubleVector c10 = DoubleVector.zero(SPECIES);
    DoubleVector c11 = DoubleVector.zero(SPECIES);
    DoubleVector c20 = DoubleVector.zero(SPECIES);
    DoubleVector c21 = DoubleVector.zero(SPECIES);
    DoubleVector c30 = DoubleVector.zero(SPECIES);
    DoubleVector c31 = DoubleVector.zero(SPECIES);
    DoubleVector c40 = DoubleVector.zero(SPECIES);
    DoubleVector c41 = DoubleVector.zero(SPECIES);
    DoubleVector c50 = DoubleVector.zero(SPECIES);
    DoubleVector c51 = DoubleVector.zero(SPECIES);
    for (int p = 0; p < kc; p++) {
      DoubleVector b0 = DoubleVector.fromArray(SPECIES, b, bi);
      DoubleVector b1 = DoubleVector.fromArray(SPECIES, b, bi + L);
      DoubleVector a0 = DoubleVector.broadcast(SPECIES, a[ai]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(SPECIES, a[ai + rowStride]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(SPECIES, a[ai + a2Offset]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(SPECIES, a[ai + a3Offset]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(SPECIES, a[ai + a4Offset]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(SPECIES, a[ai + a5Offset]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
      ai += aStep;
      bi += NR;
    }
    c00.add(DoubleVector.fromArray(SPECIES, c, ci)).intoArray(c, ci);
    c01.add(DoubleVector.fromArray(SPECIES, c, ci + L)).intoArray(c, ci + L);
    c10.add(DoubleVector.fromArray(SPECIES, c, ci + ldc)).intoArray(c, ci + ldc);
    c11.add(DoubleVector.fromArray(SPECIES, c, ci + ldc + L)).intoArray(c, ci + ldc + L);
    c20.add(DoubleVector.fromArray(SPECIES, c, ci + 2 * ldc)).intoArray(c, ci + 2 * ldc);
    c21.add(DoubleVector.fromArray(SPECIES, c, ci + 2 * ldc + L)).intoArray(c, ci + 2 * ldc + L);
    c30.add(DoubleVector.fromArray(SPECIES, c, ci + 3 * ldc)).intoArray(c, ci + 3 * ldc);
    c31.add(DoubleVector.fromArray(SPECIES, c, ci + 3 * ldc + L)).intoArray(c, ci + 3 * ldc + L);
    c40.add(DoubleVector.fromArray(SPECIES, c, ci + 4 * ldc)).intoArray(c, ci + 4 * ldc);
    c41.add(DoubleVector.fromArray(SPECIES, c, ci + 4 * ldc + L)).intoArray(c, ci + 4 * ldc + L);
    c50.add(DoubleVector.fromArray(SPECIES, c, ci + 5 * ldc)).intoArray(c, ci + 5 * ldc);
    c51.add(DoubleVector.fromArray(SPECIES, c, ci + 5 * ldc + L)).intoArray(c, ci + 5 * ldc + L);
  }

  /** Copies NR values from {@code src[si]} to {@code dst[di]}. */
  static void copySliverRow(double[] src, int si, double[] dst, int di) {
    DoubleVector.fromArray(SPECIES, src, si).intoArray(dst, di);
    DoubleVector.fromArray(SPECIES, src, si + L).intoArray(dst, di + L);
  }
}
