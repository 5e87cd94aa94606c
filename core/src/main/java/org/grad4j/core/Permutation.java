package org.grad4j.core;

/**
 * Reorders the axes of row-major data. Axes that stay adjacent and in order are merged first, so
 * {@code (0,2,3,1)} on {@code (N,C,H,W)} becomes a swap of the last two axes of {@code (N,C,H·W)};
 * such swaps run as blocked transposes ({@link #transpose}), everything else as strided row copies.
 */
final class Permutation {
  /** Rows read together by {@link #transpose}: its loop body reads four. */
  private static final int TRANSPOSE_ROWS = 4;

  /** Columns transposed per block, so that the destination rows being written stay in cache. */
  private static final int TRANSPOSE_BLOCK = 256;

  private Permutation() {}

  /**
   * Writes {@code data} (row-major, shape {@code dims}) into {@code out} with output axis {@code i}
   * taken from input axis {@code order[i]}; {@code order} must be a permutation.
   */
  static void apply(double[] data, int[] dims, int[] order, double[] out) {
    int rank = dims.length;
    // Runs of output axes that read consecutive input axes: [runStart[g], runStart[g] +
    // runLength[g]).
    int[] runStart = new int[rank];
    int[] runLength = new int[rank];
    int runs = 0;
    for (int i = 0; i < rank; i++) {
      if (runs > 0 && order[i] == runStart[runs - 1] + runLength[runs - 1]) {
        runLength[runs - 1]++;
      } else {
        runStart[runs] = order[i];
        runLength[runs] = 1;
        runs++;
      }
    }
    if (runs <= 1) {
      System.arraycopy(data, 0, out, 0, data.length);
      return;
    }
    // The merged input: runs sorted by their first input axis.
    int[] byInputAxis = new int[runs];
    int[] sizeOfRun = new int[runs];
    for (int g = 0; g < runs; g++) {
      sizeOfRun[g] = 1;
      for (int a = runStart[g]; a < runStart[g] + runLength[g]; a++) {
        sizeOfRun[g] *= dims[a];
      }
      int position = 0;
      for (int h = 0; h < runs; h++) {
        position += runStart[h] < runStart[g] ? 1 : 0;
      }
      byInputAxis[g] = position;
    }
    int[] mergedDims = new int[runs];
    for (int g = 0; g < runs; g++) {
      mergedDims[byInputAxis[g]] = sizeOfRun[g];
    }
    if (swapsLastTwo(byInputAxis)) {
      transposeLastTwo(data, mergedDims, out);
      return;
    }
    int[] mergedStrides = Shape.of(mergedDims).strides();
    int[] outDims = new int[runs];
    int[] readStrides = new int[runs];
    for (int g = 0; g < runs; g++) {
      outDims[g] = sizeOfRun[g];
      readStrides[g] = mergedStrides[byInputAxis[g]];
    }
    StridedCursor.gather(data, StridedCursor.overRows(outDims, readStrides), out);
  }

  /** Whether merged axis order {@code order} is the identity but for its last two axes swapped. */
  private static boolean swapsLastTwo(int[] order) {
    int n = order.length;
    for (int i = 0; i < n - 2; i++) {
      if (order[i] != i) {
        return false;
      }
    }
    return order[n - 2] == n - 1 && order[n - 1] == n - 2;
  }

  /** {@code (..., rows, cols) -> (..., cols, rows)}, tile by tile. */
  private static void transposeLastTwo(double[] data, int[] dims, double[] out) {
    int rows = dims[dims.length - 2];
    int cols = dims[dims.length - 1];
    int matrix = rows * cols;
    int batches = matrix == 0 ? 0 : data.length / matrix;
    WorkerPool.forRange(
        batches,
        Math.max(1, Tensor.PARALLEL_GRAIN / Math.max(1, matrix)),
        (from, to) -> transposeMatrices(data, rows, cols, out, from, to));
  }

  /** Transposes the {@code rows × cols} matrices {@code from..to-1}. */
  private static void transposeMatrices(
      double[] data, int rows, int cols, double[] out, int from, int to) {
    int matrix = rows * cols;
    for (int b = from; b < to; b++) {
      transpose(data, b * matrix, cols, rows, cols, out, b * matrix, rows);
    }
  }

  /**
   * Writes the transpose of the {@code rows × cols} block at {@code src[si]} (row stride {@code
   * lds}) to {@code dst[di]} (row stride {@code ldd}), in blocks of {@link #TRANSPOSE_BLOCK}
   * columns. The source is read four rows at a time, each along its row, every step storing four
   * adjacent values. On 64 × 12544 (a conv weight gradient's operand) that measured a fifth faster
   * than one row at a time, three to four times EJML's {@code transpose}, and faster than 8 or 16
   * rows at a time (whose streams probably collide in the L1 sets, {@code lds} being a multiple of
   * a large power of two, as P = N·Ho·Wo of the conv shapes is); on the axis swaps of permutations
   * it is 1.5 to 2.4 times the 32 × 32 tiled transpose it replaced.
   */
  static void transpose(
      double[] src, int si, int lds, int rows, int cols, double[] dst, int di, int ldd) {
    for (int p = 0; p < cols; p += TRANSPOSE_BLOCK) {
      int width = Math.min(TRANSPOSE_BLOCK, cols - p);
      transposeBlock(src, si + p, lds, rows, width, dst, di + p * ldd, ldd);
    }
  }

  private static void transposeBlock(
      double[] src, int si, int lds, int rows, int cols, double[] dst, int di, int ldd) {
    int r = 0;
    for (; r + TRANSPOSE_ROWS <= rows; r += TRANSPOSE_ROWS) {
      int s0 = si + r * lds;
      int s1 = s0 + lds;
      int s2 = s1 + lds;
      int s3 = s2 + lds;
      for (int p = 0, d = di + r; p < cols; p++, d += ldd) {
        dst[d] = src[s0 + p];
        dst[d + 1] = src[s1 + p];
        dst[d + 2] = src[s2 + p];
        dst[d + 3] = src[s3 + p];
      }
    }
    for (; r < rows; r++) {
      int s = si + r * lds;
      for (int p = 0; p < cols; p++) {
        dst[di + r + p * ldd] = src[s + p];
      }
    }
  }
}
