package org.grad4j.core;

import static org.grad4j.core.VectorMicroKernel.MR;
import static org.grad4j.core.VectorMicroKernel.NR;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;

/**
 * The matrix product on the JDK Vector API ({@code jdk.incubator.vector}), blocked as in BLIS (Van
 * Zee and van de Geijn, 2015; Goto and van de Geijn, 2008).
 *
 * <p>Per thread, the loops are, outermost first: columns of C in blocks of {@code nc}, sized so the
 * packed block of B fills a quarter of a 1 MiB L2 (see {@link #columnBlock}); k in blocks of at
 * most {@link #KC}, the block of B packed into {@code kc × NR} slivers, read row by row from B; row
 * panels of {@code MR}; slivers of the B block, each one {@link VectorMicroKernel} call. Unlike
 * BLIS, whose sliver of B stays in L1 while the panels of A stream from L2, a panel of A stays in
 * L1 while the slivers of B stream from L2: A is then read once per block of B, and each tile row
 * of C is written left to right rather than one column strip of every row at a time. On the conv
 * layers' products (C up to 29 MB written once, or A streamed once from memory) that measured up to
 * a quarter faster. A is read in place, either layout, since each step needs MR values of one
 * panel, contiguous in a transposed A and MR rows apart otherwise (packing it, to spare the TLB the
 * stride of a wide A, measured 30% slower on the weight gradients: the packing pass waits on memory
 * that the kernel's reads overlap with multiply-adds); only a last panel of fewer rows is packed,
 * zero-padded. Transposing B is done by its packing. Edge tiles run into a scratch tile, of which
 * only the valid part is written to C.
 *
 * <p>Large products are split over the worker threads by k when k is the longest side (see {@link
 * #splitsK}), the partial products being summed in a fixed order (so the result is reproducible for
 * a given number of threads, though it may differ in the last bits from one thread's); else by
 * columns of C, so that each thread packs only its own columns of B, or by rows when C has too few
 * column panels to share or at least twice as many row panels (each thread then reads only its rows
 * of A but packs all of B). Each thread packs into its own buffers, which grow and are reused.
 */
final class VectorBackend implements MatMulBackend {
  /**
   * Products with at least this many multiply-adds are split over the worker threads (about 150 µs
   * on one core): waking a parked helper costs tens of microseconds on a busy machine.
   */
  static final long CONCURRENT_THRESHOLD = 1L << 22;

  /**
   * Largest block of k: C is read and written once per block, and a panel of A ({@code MR × KC}, 12
   * KiB) stays in L1.
   */
  static final int KC = 256;

  /**
   * Values of the packed block of B (256 KiB, a quarter of a 1 MiB L2, leaving room for the lines
   * of C being written; half measured no better on the conv products).
   */
  private static final int L2_BLOCK = 1 << 15;

  /** Rows of B packed together. */
  private static final int PACK_ROWS = 8;

  private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

  @Override
  public String name() {
    return "vector";
  }

  @Override
  public void multiply(
      DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
    long work = MatMul.checkProduct(a, transA, b, transB, c);
    int m = c.numRows;
    int n = c.numCols;
    if (m == 0 || n == 0) {
      return;
    }
    Product product = new Product(a, transA, b, transB, c);
    if (product.k == 0) {
      Arrays.fill(c.data, 0, m * n, 0.0);
      return;
    }
    int threads = work < CONCURRENT_THRESHOLD ? 1 : WorkerPool.threads();
    if (threads > 1 && splitsK(m, product.k, n)) {
      multiplySplitK(product, m, n, Math.min(threads, product.k / KC));
      return;
    }
    int rowPanels = ceilDiv(m, MR);
    int colPanels = ceilDiv(n, NR);
    boolean byRows = colPanels < 2 || rowPanels >= 2 * colPanels;
    int panels = byRows ? rowPanels : colPanels;
    int parts = Math.min(threads, panels);
    if (parts == 1) {
      product.compute(product.c, 0, 0, m, 0, n, 0, product.k);
      return;
    }
    WorkerPool.run(
        parts,
        part -> {
          int from = (int) ((long) panels * part / parts);
          int to = (int) ((long) panels * (part + 1) / parts);
          if (byRows) {
            product.compute(product.c, 0, from * MR, Math.min(to * MR, m), 0, n, 0, product.k);
          } else {
            product.compute(product.c, 0, 0, m, from * NR, Math.min(to * NR, n), 0, product.k);
          }
        });
  }

  /**
   * Whether a product split over threads is split over k: when k is at least m and n (the weight
   * gradients, whose k is N·Ho·Wo, and the linear layers' forward products) and long enough for two
   * blocks. Splitting rows would make each thread pack all of B, splitting columns read all of A;
   * splitting k halves both for one m × n partial product per extra thread.
   */
  static boolean splitsK(int m, int k, int n) {
    return k >= Math.max(m, n) && k >= 2 * KC;
  }

  /**
   * Columns of C per block for blocks of k of length {@code kc}: B's block fills {@link #L2_BLOCK}.
   */
  static int columnBlock(int kc) {
    return Math.max(NR, L2_BLOCK / kc / NR * NR);
  }

  /**
   * Splits k over {@code parts} threads: part 0 writes its partial product to C, the others to
   * slices of the calling thread's buffer, which are then added to C in part order, so the result
   * does not depend on which thread finishes first.
   */
  private static void multiplySplitK(Product product, int m, int n, int parts) {
    int size = m * n;
    double[] partials = WORKSPACE.get().partials((parts - 1) * size);
    WorkerPool.run(
        parts,
        part -> {
          int k0 = (int) ((long) product.k * part / parts);
          int k1 = (int) ((long) product.k * (part + 1) / parts);
          double[] out = part == 0 ? product.c : partials;
          int offset = part == 0 ? 0 : (part - 1) * size;
          product.compute(out, offset, 0, m, 0, n, k0, k1);
        });
    double[] c = product.c;
    for (int part = 1; part < parts; part++) {
      int offset = (part - 1) * size;
      for (int i = 0; i < size; i++) {
        c[i] += partials[offset + i];
      }
    }
  }

  @Override
  public String toString() {
    return name();
  }

  private static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  /** Packing buffers of one thread, grown on demand and kept. */
  private static final class Workspace {
    double[] packedB = new double[0];
    double[] edgePanel = new double[0];
    double[] partials = new double[0];
    final double[] tile = new double[MR * NR];

    /** A buffer of at least {@code size} values for partial products, kept for the next call. */
    double[] partials(int size) {
      if (partials.length < size) {
        partials = new double[size];
      }
      return partials;
    }

    void reserve(int packedBSize, int edgePanelSize) {
      if (packedB.length < packedBSize) {
        packedB = new double[packedBSize];
      }
      if (edgePanel.length < edgePanelSize) {
        edgePanel = new double[edgePanelSize];
      }
    }
  }

  /** One product {@code c = op(a) · op(b)}: the operands' storage and their row strides. */
  private static final class Product {
    final double[] a;
    final double[] b;
    final double[] c;
    final boolean transA;
    final boolean transB;
    final int lda;
    final int ldb;
    final int ldc;
    final int k;

    Product(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c) {
      this.a = a.data;
      this.b = b.data;
      this.c = c.data;
      this.transA = transA;
      this.transB = transB;
      lda = a.numCols;
      ldb = b.numCols;
      ldc = c.numCols;
      k = transA ? a.numRows : a.numCols;
    }

    /**
     * Rows {@code [m0, m1)} and columns {@code [n0, n1)} of the product over k in {@code [k0, k1)},
     * on the calling thread, written to {@code out} from {@code offset} with C's row stride.
     */
    void compute(double[] out, int offset, int m0, int m1, int n0, int n1, int k0, int k1) {
      Workspace ws = WORKSPACE.get();
      int kc = ceilDiv(k1 - k0, ceilDiv(k1 - k0, KC));
      int nc = columnBlock(kc);
      int edge = m1 - (m1 - m0) % MR;
      ws.reserve(Math.min(nc, ceilDiv(n1 - n0, NR) * NR) * kc, MR * kc);
      for (int jc = n0; jc < n1; jc += nc) {
        int jEnd = Math.min(jc + nc, n1);
        for (int pc = k0; pc < k1; pc += kc) {
          int kLen = Math.min(kc, k1 - pc);
          if (transB) {
            packTransposedBlockB(ws.packedB, jc, jEnd, pc, kLen);
          } else {
            packBlockB(ws.packedB, jc, jEnd, pc, kLen);
          }
          packEdgePanel(ws.edgePanel, edge, m1, pc, kLen);
          boolean first = pc == k0;
          for (int ir = m0; ir < m1; ir += MR) {
            int rows = Math.min(MR, m1 - ir);
            for (int jr = jc; jr < jEnd; jr += NR) {
              int ci = offset + ir * ldc + jr;
              int cols = Math.min(NR, jEnd - jr);
              multiplyTile(ws, out, ci, first, ir, rows, cols, pc, kLen, (jr - jc) * kLen);
            }
          }
        }
      }
    }

    /**
     * The tile of {@code rows × cols} at {@code out[ci]} (row stride {@code ldc}) from rows {@code
     * ir...} of op(A): set when {@code first}, else added to. A panel of fewer than MR rows is the
     * packed edge.
     */
    private void multiplyTile(
        Workspace ws,
        double[] out,
        int ci,
        boolean first,
        int ir,
        int rows,
        int cols,
        int pc,
        int kLen,
        int bi) {
      double[] panel = a;
      int ai = transA ? pc * lda + ir : ir * lda + pc;
      int aStep = transA ? lda : 1;
      int rowStride = transA ? 1 : lda;
      if (rows < MR) {
        panel = ws.edgePanel;
        ai = 0;
        aStep = MR;
        rowStride = 1;
      }
      if (rows == MR && cols == NR) {
        if (first) {
          VectorMicroKernel.set(kLen, panel, ai, aStep, rowStride, ws.packedB, bi, out, ci, ldc);
        } else {
          VectorMicroKernel.add(kLen, panel, ai, aStep, rowStride, ws.packedB, bi, out, ci, ldc);
        }
        return;
      }
      VectorMicroKernel.set(kLen, panel, ai, aStep, rowStride, ws.packedB, bi, ws.tile, 0, NR);
      for (int r = 0; r < rows; r++) {
        int row = ci + r * ldc;
        for (int j = 0; j < cols; j++) {
          out[row + j] = first ? ws.tile[r * NR + j] : out[row + j] + ws.tile[r * NR + j];
        }
      }
    }

    /**
     * Packs rows {@code [ir, iEnd)} (fewer than MR; none is a no-op), columns {@code [pc, pc +
     * kLen)} of op(A) as a panel: element (r, p) at {@code p * MR + r}, missing rows zero.
     */
    private void packEdgePanel(double[] dst, int ir, int iEnd, int pc, int kLen) {
      if (ir == iEnd) {
        return;
      }
      Arrays.fill(dst, 0, MR * kLen, 0.0);
      for (int r = 0; r < iEnd - ir; r++) {
        for (int p = 0; p < kLen; p++) {
          dst[p * MR + r] = transA ? a[(pc + p) * lda + ir + r] : a[(ir + r) * lda + pc + p];
        }
      }
    }

    /**
     * Packs rows {@code [pc, pc + kLen)}, columns {@code [jc, jEnd)} of B (stored k × n) into
     * slivers: sliver s holds element (p, j) at {@code s * NR * kLen + p * NR + j}, columns past
     * {@code jEnd} zero. B is read along its rows, {@link #PACK_ROWS} rows at a time: that many
     * sequential streams keep enough loads in flight (about twice the speed of one row at a time).
     */
    private void packBlockB(double[] dst, int jc, int jEnd, int pc, int kLen) {
      int full = jc + (jEnd - jc) / NR * NR;
      for (int p0 = 0; p0 < kLen; p0 += PACK_ROWS) {
        int rows = Math.min(PACK_ROWS, kLen - p0);
        int src = (pc + p0) * ldb;
        int d = p0 * NR;
        for (int jr = jc; jr < full; jr += NR) {
          for (int r = 0; r < rows; r++) {
            VectorMicroKernel.copySliverRow(b, src + r * ldb + jr, dst, d + r * NR);
          }
          d += NR * kLen;
        }
        for (int r = 0; r < rows && full < jEnd; r++) {
          System.arraycopy(b, src + r * ldb + full, dst, d + r * NR, jEnd - full);
          Arrays.fill(dst, d + r * NR + jEnd - full, d + (r + 1) * NR, 0.0);
        }
      }
    }

    /**
     * Packs the same block of op(B) from a transposed B (stored n × k): each sliver is the
     * transpose of NR rows of B, missing rows zero.
     */
    private void packTransposedBlockB(double[] dst, int jc, int jEnd, int pc, int kLen) {
      for (int jr = jc; jr < jEnd; jr += NR) {
        int base = (jr - jc) * kLen;
        int rows = Math.min(NR, jEnd - jr);
        Permutation.transpose(b, jr * ldb + pc, ldb, rows, kLen, dst, base, NR);
        for (int j = rows; j < NR; j++) {
          for (int p = 0; p < kLen; p++) {
            dst[base + p * NR + j] = 0.0;
          }
        }
      }
    }
  }
}
