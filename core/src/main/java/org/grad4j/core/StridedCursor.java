package org.grad4j.core;

import java.util.Arrays;

/**
 * Walks a row-major index space and keeps, for each of several operands, the flat offset of the
 * current element given that operand's strides (a stride of 0 repeats the operand along that axis,
 * which is how broadcasting reads). One cursor serves broadcasting, reductions and permutations.
 *
 * <p>Kernels walk {@link #overRows rows}: the cursor steps over all axes but the last, and the
 * kernel runs a plain inner loop along the last axis with {@link #rowStride} per operand.
 */
final class StridedCursor {
  private final int[] dims;
  private final int[][] strides;
  private final int[] offsets;
  private final int[] counter;
  private final int rowLength;
  private final int[] rowStrides;

  /**
   * @param dims the index space, outermost first
   * @param strides one stride array per operand, each as long as {@code dims}
   */
  StridedCursor(int[] dims, int[]... strides) {
    this(dims, strides, 1, new int[strides.length]);
  }

  private StridedCursor(int[] dims, int[][] strides, int rowLength, int[] rowStrides) {
    this.dims = dims;
    this.strides = strides;
    this.offsets = new int[strides.length];
    this.counter = new int[dims.length];
    this.rowLength = rowLength;
    this.rowStrides = rowStrides;
  }

  /**
   * A cursor over the rows of {@code dims}: {@link #next()} moves to the next row, whose elements
   * are {@link #rowLength()} apart by {@link #rowStride(int)} in each operand. A rank-0 space is
   * one row of one element.
   */
  static StridedCursor overRows(int[] dims, int[]... strides) {
    if (dims.length == 0) {
      return new StridedCursor(dims, strides, 1, new int[strides.length]);
    }
    int last = dims.length - 1;
    int[][] outer = new int[strides.length][];
    int[] inner = new int[strides.length];
    for (int k = 0; k < strides.length; k++) {
      outer[k] = Arrays.copyOf(strides[k], last);
      inner[k] = strides[k][last];
    }
    return new StridedCursor(Arrays.copyOf(dims, last), outer, dims[last], inner);
  }

  /** Elements per row (1 for a cursor made by the constructor). */
  int rowLength() {
    return rowLength;
  }

  /** The distance between consecutive row elements of operand {@code k}. */
  int rowStride(int k) {
    return rowStrides[k];
  }

  /** The flat offset of the current element in operand {@code k}. */
  int offset(int k) {
    return offsets[k];
  }

  /** Moves to the next element in row-major order. */
  void next() {
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      counter[axis]++;
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] += strides[k][axis];
      }
      if (counter[axis] < dims[axis]) {
        return;
      }
      for (int k = 0; k < offsets.length; k++) {
        offsets[k] -= strides[k][axis] * dims[axis];
      }
      counter[axis] = 0;
    }
  }

  /**
   * The strides with which an operand of shape {@code from} is read when broadcast to {@code to}: 0
   * along the axes it is repeated on.
   */
  static int[] broadcastStrides(Shape from, Shape to) {
    int[] own = from.strides();
    int[] out = new int[to.rank()];
    int offset = to.rank() - from.rank();
    for (int i = 0; i < from.rank(); i++) {
      out[i + offset] = from.dim(i) == 1 ? 0 : own[i];
    }
    return out;
  }

  /**
   * A cursor over the same index space and operands, placed at element {@code index} in row-major
   * order (for a row cursor: at row {@code index}).
   */
  StridedCursor at(int index) {
    StridedCursor cursor = new StridedCursor(dims, strides, rowLength, rowStrides);
    int rest = index;
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      cursor.counter[axis] = rest % dims[axis];
      rest /= dims[axis];
      for (int k = 0; k < offsets.length; k++) {
        cursor.offsets[k] += cursor.counter[axis] * strides[k][axis];
      }
    }
    return cursor;
  }

  /**
   * Copies {@code source}'s elements, read row by row through {@code rows} (a row cursor at its
   * first row), into {@code out}. Large copies split the rows over the worker pool.
   */
  static void gather(double[] source, StridedCursor rows, double[] out) {
    int n = rows.rowLength();
    int s = rows.rowStride(0);
    WorkerPool.forRange(
        n == 0 ? 0 : out.length / n,
        Math.max(1, Tensor.PARALLEL_GRAIN / Math.max(1, n)),
        (from, to) -> {
          if (from == to) {
            return;
          }
          StridedCursor cursor = rows.at(from);
          for (int o = from * n; o < to * n; o += n) {
            int base = cursor.offset(0);
            if (s == 1) {
              System.arraycopy(source, base, out, o, n);
            } else {
              for (int j = 0; j < n; j++) {
                out[o + j] = source[base + j * s];
              }
            }
            cursor.next();
          }
        });
  }
}
