package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Data movement by index: slices along an axis and their adjoint, concatenation, the index of the
 * maximum along an axis, and reading elements at flat positions ({@link #gather}) with its adjoint
 * ({@link #scatterAdd}). Each tensor result is new and contiguous.
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
   * The flat positions of {@code x[i, columns[i]]} in a matrix {@code x} of {@code shape (N, C)},
   * one per row. With them {@link #gather} picks each row's element, as PyTorch's {@code
   * x.gather(1, columns[:, None])[:, 0]} (each sample's score for its class), and {@link
   * #scatterAdd} puts the elements back.
   *
   * @param op the calling op's name, which starts every error message
   */
  public static int[] rowPositions(String op, Shape shape, int[] columns) {
    checkArgument(shape.rank() == 2, "%s: expected a matrix (N,C), got shape %s", op, shape);
    int rows = shape.dim(0);
    int cols = shape.dim(1);
    checkArgument(
        columns.length == rows,
        "%s: %s indices for %s rows of shape %s",
        op,
        columns.length,
        rows,
        shape);
    int[] positions = new int[rows];
    for (int i = 0; i < rows; i++) {
      checkArgument(
          columns[i] >= 0 && columns[i] < cols,
          "%s: index %s at row %s is out of range for %s columns of shape %s",
          op,
          columns[i],
          i,
          cols,
          shape);
      positions[i] = i * cols + columns[i];
    }
    return positions;
  }

  /**
   * A tensor of {@code shape} with {@code out[o] = source[index[o]]}, {@code source} read in
   * row-major order: the elements at the arg-max positions of {@link Pooling#maxPool2d}, or one per
   * row at {@link #rowPositions}.
   */
  public static Tensor gather(Tensor source, int[] index, Shape shape) {
    checkArgument(
        index.length == shape.size(),
        "gather: %s indices for an output %s of %s elements",
        index.length,
        shape,
        shape.size());
    double[] out = new double[index.length];
    for (int o = 0; o < out.length; o++) {
      checkIndex("gather", index[o], source.size());
      out[o] = source.data[index[o]];
    }
    return new Tensor(shape, out);
  }

  /**
   * A tensor of {@code shape}, zero but for {@code out[index[o]] += values[o]}: the adjoint of
   * {@link #gather}, which sends gradients back to the positions read. Every element gets its
   * additions in the order of {@code o}, on top of {@code +0.0} (as PyTorch's {@code
   * zeros().scatter_add_}, so a single {@code -0.0} gives {@code +0.0}).
   *
   * <p>When {@code values} and the output have the same first dimension, the first-axis positions
   * are split across threads, each clearing its part of the output and adding its own values, as
   * long as every index stays in its thread's part (as the arg-maxima of pooling lie in their
   * image, and row positions in their row); if one does not, the work is redone on one thread. The
   * result is the same either way.
   */
  public static Tensor scatterAdd(Tensor values, int[] index, Shape shape) {
    checkArgument(
        index.length == values.size(),
        "scatterAdd: %s indices for values %s of %s elements",
        index.length,
        values.shape(),
        values.size());
    double[] in = values.data;
    double[] out = BufferPool.take(shape.size());
    if (!addByBlocks(in, values.shape(), index, out, shape)) {
      Arrays.fill(out, 0.0);
      for (int o = 0; o < index.length; o++) {
        checkIndex("scatterAdd", index[o], out.length);
        out[index[o]] += in[o];
      }
    }
    return new Tensor(shape, out);
  }

  /**
   * The parallel {@link #scatterAdd}: each thread clears the output blocks of a range of first-axis
   * positions and adds the values of the same positions. Returns false, leaving {@code out} partly
   * written, when the shapes differ along the first axis or an index falls outside its thread's
   * blocks.
   */
  private static boolean addByBlocks(
      double[] in, Shape inShape, int[] index, double[] out, Shape outShape) {
    if (inShape.rank() == 0
        || outShape.rank() == 0
        || inShape.dim(0) != outShape.dim(0)
        || out.length == 0) {
      return false;
    }
    int blocks = outShape.dim(0);
    int inBlock = in.length / blocks;
    int outBlock = out.length / blocks;
    AtomicBoolean stray = new AtomicBoolean();
    WorkerPool.forRange(
        blocks,
        Math.max(1, Tensor.PARALLEL_GRAIN / outBlock),
        (from, to) -> {
          int lo = from * outBlock;
          int hi = to * outBlock;
          Arrays.fill(out, lo, hi, 0.0);
          for (int o = from * inBlock; o < to * inBlock; o++) {
            int i = index[o];
            if (i < lo || i >= hi) {
              stray.set(true);
              return;
            }
            out[i] += in[o];
          }
        });
    return !stray.get();
  }

  private static void checkIndex(String op, int index, int size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          String.format("%s: index %d is out of range [0, %d)", op, index, size));
    }
  }
}
