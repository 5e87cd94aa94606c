package org.grad4j.core;

/**
 * Reorders the axes of row-major data. Axes that stay adjacent and in order are merged first, so
 * {@code (0,2,3,1)} on {@code (N,C,H,W)} becomes a swap of the last two axes of {@code (N,C,H·W)};
 * such swaps run as cache-blocked transposes, everything else as strided row copies.
 */
final class Permutation {
  /** Side of the square tiles of a blocked transpose: 32×32 doubles fit the L1 cache twice. */
  private static final int TILE = 32;

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

  /** Transposes the {@code rows × cols} matrices {@code from..to-1}, tile by tile. */
  private static void transposeMatrices(
      double[] data, int rows, int cols, double[] out, int from, int to) {
    int matrix = rows * cols;
    for (int b = from; b < to; b++) {
      int base = b * matrix;
      for (int i0 = 0; i0 < rows; i0 += TILE) {
        int i1 = Math.min(rows, i0 + TILE);
        for (int j0 = 0; j0 < cols; j0 += TILE) {
          int j1 = Math.min(cols, j0 + TILE);
          for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
              out[base + j * rows + i] = data[base + i * cols + j];
            }
          }
        }
      }
    }
  }
}
