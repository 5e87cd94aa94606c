package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Data movement by index: slices along an axis and their adjoint, concatenation, picking one
 * element per row of a matrix and its adjoint, and the index of the maximum along an axis. Each
 * tensor result is new and contiguous.
 *
 * <p>Along an axis a row-major tensor is a sequence of {@code outer} blocks, each holding {@code
 * dim(axis)} runs of {@code inner} contiguous elements (the product of the dimensions before and
 * after the axis), so slicing and concatenating copy whole runs.
 */
public final class Indexing {
  private Indexing() {}

  /**
   * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}, as PyTorch's
   * {@code x.narrow(axis, start, end - start)}.
   */
  public static Tensor slice(Tensor x, int axis, int start, int end) {
    Shape shape = x.shape();
    int a = shape.normalizeAxis(axis, "slice");
    checkArgument(
        0 <= start && start <= end && end <= shape.dim(a),
        "slice: [%s, %s) is not a range within axis %s of shape %s (size %s)",
        start,
        end,
        a,
        shape,
        shape.dim(a));
    Shape outShape = shape.withDim(a, end - start);
    double[] out = new double[outShape.size()];
    copyRuns(x.data, shape, start, out, outShape, 0, a, end - start);
    return new Tensor(outShape, out);
  }

  /**
   * Zeros of {@code shape} with {@code src} placed at {@code start} along {@code axis}: the adjoint
   * of {@link #slice} (PyTorch's {@code slice_scatter} into zeros).
   */
  public static Tensor sliceScatter(Tensor src, Shape shape, int axis, int start) {
    int a = shape.normalizeAxis(axis, "sliceScatter");
    int length = src.rank() == shape.rank() ? src.shape().dim(a) : -1;
    checkArgument(
        length >= 0
            && src.shape().equals(shape.withDim(a, length))
            && 0 <= start
            && start + length <= shape.dim(a),
        "sliceScatter: %s does not fit into %s at offset %s along axis %s",
        src.shape(),
        shape,
        start,
        a);
    double[] out = new double[shape.size()];
    copyRuns(src.data, src.shape(), 0, out, shape, start, a, length);
    return new Tensor(shape, out);
  }

  /**
   * The tensors joined along {@code axis}; all must have the same shape except along it, as
   * PyTorch's {@code torch.cat}.
   */
  public static Tensor concat(int axis, Tensor... xs) {
    checkArgument(xs.length > 0, "concat: expected at least one tensor");
    Shape first = xs[0].shape();
    checkArgument(first.rank() > 0, "concat: cannot concatenate scalars");
    int a = first.normalizeAxis(axis, "concat");
    int total = 0;
    for (int i = 0; i < xs.length; i++) {
      Shape s = xs[i].shape();
      checkArgument(
          s.rank() == first.rank() && s.withDim(a, 0).equals(first.withDim(a, 0)),
          "concat: tensor %s has shape %s but tensor 0 has shape %s; shapes must match except"
              + " along axis %s",
          i,
          s,
          first,
          a);
      total += s.dim(a);
    }
    Shape outShape = first.withDim(a, total);
    double[] out = new double[outShape.size()];
    int offset = 0;
    for (Tensor x : xs) {
      copyRuns(x.data, x.shape(), 0, out, outShape, offset, a, x.shape().dim(a));
      offset += x.shape().dim(a);
    }
    return new Tensor(outShape, out);
  }

  /**
   * Copies {@code length} positions along {@code axis}, from position {@code srcStart} of {@code
   * src} (shape {@code srcShape}) to position {@code dstStart} of {@code dst} (shape {@code
   * dstShape}); the shapes agree on every other axis.
   */
  private static void copyRuns(
      double[] src,
      Shape srcShape,
      int srcStart,
      double[] dst,
      Shape dstShape,
      int dstStart,
      int axis,
      int length) {
    int outer = outer(srcShape, axis);
    int inner = srcShape.strides()[axis];
    int srcBlock = srcShape.dim(axis) * inner;
    int dstBlock = dstShape.dim(axis) * inner;
    int run = length * inner;
    for (int o = 0; o < outer; o++) {
      System.arraycopy(
          src, o * srcBlock + srcStart * inner, dst, o * dstBlock + dstStart * inner, run);
    }
  }

  /** The product of the dimensions before {@code axis}. */
  private static int outer(Shape shape, int axis) {
    int outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= shape.dim(i);
    }
    return outer;
  }

  /**
   * The index of the maximum along {@code axis} at every position of the other axes, in row-major
   * order of the shape without {@code axis}: for scores {@code (N, C)} and axis 1, the predicted
   * class of each row. On ties the first maximum wins, as in PyTorch.
   */
  public static int[] argmax(Tensor x, int axis) {
    Shape shape = x.shape();
    int a = shape.normalizeAxis(axis, "argmax");
    int d = shape.dim(a);
    checkArgument(d > 0, "argmax: axis %s of shape %s is empty", a, shape);
    int inner = shape.strides()[a];
    int outer = outer(shape, a);
    int[] out = new int[outer * inner];
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * d * inner + i;
        int best = 0;
        for (int k = 1; k < d; k++) {
          if (x.data[base + k * inner] > x.data[base + best * inner]) {
            best = k;
          }
        }
        out[o * inner + i] = best;
      }
    }
    return out;
  }

  /**
   * For a matrix {@code x (N, C)}, the vector {@code (N,)} of {@code x[i, index[i]]}, as PyTorch's
   * {@code x.gather(1, index[:, None])[:, 0]} (picking each sample's score for its class).
   */
  public static Tensor gather(Tensor x, int[] index) {
    checkArgument(x.rank() == 2, "gather: expected a matrix (N,C), got shape %s", x.shape());
    int rows = x.shape().dim(0);
    int cols = x.shape().dim(1);
    checkIndex("gather", index, rows, cols, x.shape());
    double[] out = new double[rows];
    for (int i = 0; i < rows; i++) {
      out[i] = x.data[i * cols + index[i]];
    }
    return new Tensor(Shape.of(rows), out);
  }

  /**
   * A matrix {@code (N, columns)} of zeros with {@code src[i]} at {@code [i, index[i]]}: the
   * adjoint of {@link #gather}.
   */
  public static Tensor scatter(Tensor src, int[] index, int columns) {
    checkArgument(src.rank() == 1, "scatter: expected a vector (N,), got shape %s", src.shape());
    int rows = src.shape().dim(0);
    Shape outShape = Shape.of(rows, columns);
    checkIndex("scatter", index, rows, columns, outShape);
    double[] out = new double[outShape.size()];
    for (int i = 0; i < rows; i++) {
      out[i * columns + index[i]] = src.data[i];
    }
    return new Tensor(outShape, out);
  }

  private static void checkIndex(String op, int[] index, int rows, int cols, Shape shape) {
    checkArgument(
        index.length == rows,
        "%s: %s indices for %s rows of shape %s",
        op,
        index.length,
        rows,
        shape);
    for (int i = 0; i < rows; i++) {
      checkArgument(
          index[i] >= 0 && index[i] < cols,
          "%s: index %s at row %s is out of range for %s columns of shape %s",
          op,
          index[i],
          i,
          cols,
          shape);
    }
  }
}
