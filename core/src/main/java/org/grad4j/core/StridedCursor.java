package org.grad4j.core;

/**
 * Walks a row-major index space and keeps, for each of several operands, the flat offset of the
 * current element given that operand's strides (a stride of 0 repeats the operand along that axis,
 * which is how broadcasting reads). One cursor serves broadcasting, reductions and permutations.
 */
final class StridedCursor {
  private final int[] dims;
  private final int[][] strides;
  private final int[] offsets;
  private final int[] counter;

  /**
   * @param dims the index space, outermost first
   * @param strides one stride array per operand, each as long as {@code dims}
   */
  StridedCursor(int[] dims, int[]... strides) {
    this.dims = dims;
    this.strides = strides;
    this.offsets = new int[strides.length];
    this.counter = new int[dims.length];
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
}
