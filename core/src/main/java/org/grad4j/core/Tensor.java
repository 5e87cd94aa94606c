package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * An n-dimensional array of float64 values, row-major and contiguous.
 *
 * <p>Operations return new tensors and never modify their operands. The few methods that do change
 * a tensor (for optimizers) end in {@code InPlace}. {@link #reshape} shares storage with its
 * source, like a PyTorch view; every other operation allocates its result.
 */
public final class Tensor {
  /** Elementwise kernels split over the worker pool when each part gets this many elements. */
  static final int PARALLEL_GRAIN = 1 << 15;

  private static final long POSITIVE_INFINITY_BITS =
      Double.doubleToRawLongBits(Double.POSITIVE_INFINITY);

  final double[] data;
  private final Shape shape;

  Tensor(Shape shape, double[] data) {
    this.shape = shape;
    this.data = data;
  }

  // ---------------------------------------------------------------- factories

  /** A tensor of zeros. */
  public static Tensor zeros(int... dims) {
    return zeros(Shape.of(dims));
  }

  /** A tensor of zeros. */
  public static Tensor zeros(Shape shape) {
    return new Tensor(shape, new double[shape.size()]);
  }

  /** A tensor of ones. */
  public static Tensor ones(int... dims) {
    return full(1.0, dims);
  }

  /** A tensor of ones. */
  public static Tensor ones(Shape shape) {
    return full(1.0, shape);
  }

  /** A tensor with every element equal to {@code value}. */
  public static Tensor full(double value, int... dims) {
    return full(value, Shape.of(dims));
  }

  /** A tensor with every element equal to {@code value}. */
  public static Tensor full(double value, Shape shape) {
    double[] data = new double[shape.size()];
    Arrays.fill(data, value);
    return new Tensor(shape, data);
  }

  /** A rank-0 tensor holding one value. */
  public static Tensor scalar(double value) {
    return new Tensor(Shape.scalar(), new double[] {value});
  }

  /** {@code 0, 1, ..., n-1} as a rank-1 tensor; reshape it for other shapes. */
  public static Tensor arange(int n) {
    checkArgument(n >= 0, "arange: length must be at least 0, got %s", n);
    double[] data = new double[n];
    for (int i = 0; i < n; i++) {
      data[i] = i;
    }
    return new Tensor(Shape.of(n), data);
  }

  /** A tensor of the given shape holding a copy of {@code values} in row-major order. */
  public static Tensor of(double[] values, int... dims) {
    Shape shape = Shape.of(dims);
    checkArgument(
        values.length == shape.size(),
        "Tensor.of: %s values cannot fill shape %s of %s elements",
        values.length,
        shape,
        shape.size());
    return new Tensor(shape, values.clone());
  }

  /** Independent standard normal samples drawn from {@code rng}. */
  public static Tensor randn(RandomGenerator rng, int... dims) {
    Shape shape = Shape.of(dims);
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = rng.nextGaussian();
    }
    return new Tensor(shape, data);
  }

  /** Independent samples uniform on {@code [0, 1)} drawn from {@code rng}. */
  public static Tensor rand(RandomGenerator rng, int... dims) {
    return uniform(rng, 0.0, 1.0, dims);
  }

  /** Independent samples uniform on {@code [low, high)} drawn from {@code rng}. */
  public static Tensor uniform(RandomGenerator rng, double low, double high, int... dims) {
    checkArgument(low < high, "uniform: low %s must be below high %s", low, high);
    Shape shape = Shape.of(dims);
    double[] data = new double[shape.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = low + (high - low) * rng.nextDouble();
    }
    return new Tensor(shape, data);
  }

  // ---------------------------------------------------------------- access

  public Shape shape() {
    return shape;
  }

  public int rank() {
    return shape.rank();
  }

  /** Number of elements. */
  public int size() {
    return shape.size();
  }

  /** The element at the given index, one coordinate per axis. */
  public double get(int... index) {
    return data[flatIndex(index)];
  }

  /** The value of a one-element tensor. */
  public double item() {
    checkArgument(size() == 1, "item: tensor of shape %s has %s elements, not 1", shape, size());
    return data[0];
  }

  /** A copy of the values in row-major order. */
  public double[] toArray() {
    return data.clone();
  }

  private int flatIndex(int[] index) {
    checkArgument(
        index.length == rank(),
        "get: index %s has %s coordinates but shape %s has rank %s",
        Arrays.toString(index),
        index.length,
        shape,
        rank());
    int flat = 0;
    for (int axis = 0; axis < index.length; axis++) {
      int d = shape.dim(axis);
      checkArgument(
          index[axis] >= 0 && index[axis] < d,
          "get: index %s is out of bounds for shape %s",
          Arrays.toString(index),
          shape);
      flat = flat * d + index[axis];
    }
    return flat;
  }

  // ---------------------------------------------------------------- shapes

  /**
   * The same values in a new shape; one dimension may be -1 and is then inferred. Shares storage.
   */
  public Tensor reshape(int... dims) {
    return reshape(inferShape("reshape", dims));
  }

  /** The same values in a new shape of equal size. Shares storage. */
  public Tensor reshape(Shape newShape) {
    checkArgument(
        newShape.size() == size(),
        "reshape: cannot reshape %s (%s elements) to %s (%s elements)",
        shape,
        size(),
        newShape,
        newShape.size());
    return new Tensor(newShape, data);
  }

  private Shape inferShape(String op, int[] dims) {
    int inferred = -1;
    int known = 1;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] == -1) {
        checkArgument(
            inferred < 0, "%s: only one dimension may be -1, got %s", op, Arrays.toString(dims));
        inferred = i;
      } else {
        checkArgument(dims[i] >= 0, "%s: invalid dimension in %s", op, Arrays.toString(dims));
        known *= dims[i];
      }
    }
    if (inferred < 0) {
      return Shape.of(dims);
    }
    checkArgument(
        known > 0 && size() % known == 0,
        "%s: cannot reshape %s (%s elements) to %s",
        op,
        shape,
        size(),
        Arrays.toString(dims));
    int[] out = dims.clone();
    out[inferred] = size() / known;
    return Shape.of(out);
  }

  /**
   * The axes reordered: result axis {@code i} is this tensor's axis {@code order[i]}. The result is
   * a new contiguous tensor.
   */
  public Tensor permute(int... order) {
    checkArgument(
        order.length == rank(),
        "permute: order %s has %s axes but shape %s has rank %s",
        Arrays.toString(order),
        order.length,
        shape,
        rank());
    boolean[] seen = new boolean[rank()];
    int[] axes = new int[rank()];
    int[] outDims = new int[rank()];
    for (int i = 0; i < order.length; i++) {
      axes[i] = shape.normalizeAxis(order[i], "permute");
      checkArgument(
          !seen[axes[i]], "permute: axis %s repeated in %s", axes[i], Arrays.toString(order));
      seen[axes[i]] = true;
      outDims[i] = shape.dim(axes[i]);
    }
    double[] out = BufferPool.take(size());
    Permutation.apply(data, shape.dims(), axes, out);
    return new Tensor(Shape.of(outDims), out);
  }

  /** Swaps two axes (a new contiguous tensor). */
  public Tensor transpose(int axis0, int axis1) {
    int[] order = new int[rank()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int a = shape.normalizeAxis(axis0, "transpose");
    int b = shape.normalizeAxis(axis1, "transpose");
    order[a] = b;
    order[b] = a;
    return permute(order);
  }

  /** The transpose of a matrix. */
  public Tensor transpose() {
    checkArgument(rank() == 2, "transpose: expected a matrix, got shape %s", shape);
    return transpose(0, 1);
  }

  /** This tensor repeated along broadcast axes to {@code target}, by NumPy's rules. */
  public Tensor broadcastTo(Shape target) {
    checkArgument(
        shape.broadcastsTo(target),
        "broadcastTo: shape %s cannot be broadcast to %s",
        shape,
        target);
    if (shape.equals(target)) {
      return this;
    }
    double[] out = new double[target.size()];
    StridedCursor.gather(
        data,
        StridedCursor.overRows(target.dims(), StridedCursor.broadcastStrides(shape, target)),
        out);
    return new Tensor(target, out);
  }

  /**
   * Sums this tensor down to {@code target}, undoing a broadcast of {@code target} to this shape:
   * leading axes are summed away, and axes where {@code target} has 1 are summed with keepdim.
   */
  public Tensor sumTo(Shape target) {
    checkArgument(
        target.broadcastsTo(shape), "sumTo: shape %s cannot be summed to %s", shape, target);
    if (shape.equals(target)) {
      return this;
    }
    return new Tensor(target, sumDownTo(target));
  }

  // ---------------------------------------------------------------- elementwise

  /** {@code f} applied to every element. */
  public Tensor map(DoubleUnaryOperator f) {
    double[] out = BufferPool.take(data.length);
    WorkerPool.forRange(
        out.length,
        PARALLEL_GRAIN,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            out[i] = f.applyAsDouble(data[i]);
          }
        });
    return new Tensor(shape, out);
  }

  /**
   * {@code f} applied to each pair of elements after broadcasting both operands to a common shape.
   *
   * @param op the name of the calling op, for the error message
   */
  public Tensor zip(Tensor other, DoubleBinaryOperator f, String op) {
    Shape outShape = Shape.broadcast(shape, other.shape, op);
    double[] a = data;
    double[] b = other.data;
    double[] out = BufferPool.take(outShape.size());
    if (shape.equals(other.shape)) {
      WorkerPool.forRange(
          out.length,
          PARALLEL_GRAIN,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              out[i] = f.applyAsDouble(a[i], b[i]);
            }
          });
    } else if (other.size() == 1) {
      double s = b[0];
      WorkerPool.forRange(
          out.length,
          PARALLEL_GRAIN,
          (from, to) -> {
            for (int i = from; i < to; i++) {
              out[i] = f.applyAsDouble(a[i], s);
            }
          });
    } else {
      StridedCursor rows =
          StridedCursor.overRows(
              outShape.dims(),
              StridedCursor.broadcastStrides(shape, outShape),
              StridedCursor.broadcastStrides(other.shape, outShape));
      int n = rows.rowLength();
      int sa = rows.rowStride(0);
      int sb = rows.rowStride(1);
      for (int o = 0; o < out.length; o += n) {
        int ia = rows.offset(0);
        int ib = rows.offset(1);
        for (int j = 0; j < n; j++) {
          out[o + j] = f.applyAsDouble(a[ia + j * sa], b[ib + j * sb]);
        }
        rows.next();
      }
    }
    return new Tensor(outShape, out);
  }

  public Tensor add(Tensor other) {
    return zip(other, Double::sum, "add");
  }

  public Tensor sub(Tensor other) {
    return zip(other, (x, y) -> x - y, "sub");
  }

  public Tensor mul(Tensor other) {
    return zip(other, (x, y) -> x * y, "mul");
  }

  public Tensor div(Tensor other) {
    return zip(other, (x, y) -> x / y, "div");
  }

  public Tensor add(double s) {
    return map(x -> x + s);
  }

  public Tensor mul(double s) {
    return map(x -> x * s);
  }

  public Tensor neg() {
    return map(x -> -x);
  }

  /**
   * {@code Math.max(x, 0.0)} elementwise: NaN stays NaN, as in {@code torch.relu}; -0.0 gives 0.0.
   */
  public Tensor relu() {
    return map(x -> Math.max(x, 0.0));
  }

  /**
   * This tensor where {@code gate > 0} and 0 elsewhere (also where the gate is NaN): the gradient
   * of {@link #relu} with this tensor as the upstream gradient and {@code gate} as its input.
   */
  public Tensor passWherePositive(Tensor gate) {
    checkSameShape("passWherePositive", gate);
    double[] g = data;
    double[] x = gate.data;
    double[] out = BufferPool.take(g.length);
    WorkerPool.forRange(
        out.length,
        PARALLEL_GRAIN,
        (from, to) -> {
          for (int i = from; i < to; i++) {
            // x > 0 exactly when x's bits, as a long, lie in [1, bits of +infinity]: -0.0, the
            // negatives and NaNs of either sign fall outside. The mask is all ones there, zeros
            // elsewhere; unlike a conditional it has no branch to mispredict on random signs.
            long m = Double.doubleToRawLongBits(x[i]) - 1;
            long mask = ((m - POSITIVE_INFINITY_BITS) >> 63) & ~(m >> 63);
            out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & mask);
          }
        });
    return new Tensor(shape, out);
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, as a rank-0 tensor. */
  public Tensor sum() {
    return scalar(sumRun(data, 0, data.length));
  }

  /** Sums over {@code axes} (all axes when none are given). */
  public Tensor sum(boolean keepDim, int... axes) {
    return sum("sum", keepDim, axes);
  }

  /** The mean over {@code axes} (all axes when none are given). */
  public Tensor mean(boolean keepDim, int... axes) {
    Tensor sum = sum("mean", keepDim, axes);
    return sum.mul(1.0 / (size() / Math.max(1, sum.size())));
  }

  private Tensor sum(String op, boolean keepDim, int[] axes) {
    Shape kept = reducedShape(op, true, axes);
    return new Tensor(keepDim ? kept : reducedShape(op, false, axes), sumDownTo(kept));
  }

  /** The Euclidean (L2) norm of all elements, {@code sqrt(Σ x²)}, as {@code torch.norm(x, 2)}. */
  public double norm() {
    double s = 0;
    for (double v : data) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  /** The maximum over {@code axes} (all axes when none are given). */
  public Tensor max(boolean keepDim, int... axes) {
    checkArgument(size() > 0, "max: tensor of shape %s is empty", shape);
    return reduce("max", Double.NEGATIVE_INFINITY, Math::max, keepDim, axes);
  }

  /** The shape left after reducing {@code axes} (all axes when none are given). */
  public Shape reducedShape(String op, boolean keepDim, int... axes) {
    boolean[] reduced = reducedAxes(op, axes);
    int[] dims = new int[rank()];
    int kept = 0;
    for (int axis = 0; axis < rank(); axis++) {
      if (!reduced[axis]) {
        dims[kept++] = shape.dim(axis);
      } else if (keepDim) {
        dims[kept++] = 1;
      }
    }
    return Shape.of(Arrays.copyOf(dims, kept));
  }

  private boolean[] reducedAxes(String op, int[] axes) {
    boolean[] reduced = new boolean[rank()];
    if (axes.length == 0) {
      Arrays.fill(reduced, true);
    }
    for (int axis : axes) {
      int a = shape.normalizeAxis(axis, op);
      checkArgument(!reduced[a], "%s: axis %s repeated in %s", op, a, Arrays.toString(axes));
      reduced[a] = true;
    }
    return reduced;
  }

  private Tensor reduce(
      String op, double identity, DoubleBinaryOperator combine, boolean keepDim, int[] axes) {
    Shape kept = reducedShape(op, true, axes);
    double[] out = new double[kept.size()];
    Arrays.fill(out, identity);
    reduceInto(
        StridedCursor.overRows(shape.dims(), StridedCursor.broadcastStrides(kept, shape)),
        out,
        combine);
    return new Tensor(keepDim ? kept : reducedShape(op, false, axes), out);
  }

  /**
   * The sums of this tensor down to {@code target}, a shape that broadcasts to this one: its axes
   * of size 1 (and the leading ones it lacks) are summed.
   *
   * <p>When the kept axes form one contiguous block, the tensor is {@code (outer, kept, inner)} and
   * {@code out[k]} is the sum over {@code o} of the contiguous runs {@code [o, k, :]}, added in
   * order of {@code o}; threads split {@code k}, so the result does not depend on their number.
   * That covers the full sum, sums over leading or trailing axes, and NCHW over axes (0, 2, 3).
   * Other patterns walk the generic strided loop.
   */
  private double[] sumDownTo(Shape target) {
    double[] out = new double[target.size()];
    int lead = rank() - target.rank();
    int first = 0;
    int last = -1;
    for (int axis = lead; axis < rank(); axis++) {
      // A kept axis of size 0 still bounds the block: it makes the sum empty, not summed.
      if (target.dim(axis - lead) != 1) {
        first = last < 0 ? axis : first;
        last = axis;
      }
    }
    int outer = 1;
    int kept = 1;
    int inner = 1;
    for (int axis = 0; axis < rank(); axis++) {
      int d = shape.dim(axis);
      if (axis < first) {
        outer *= d;
      } else if (axis > last) {
        inner *= d;
      } else if (target.dim(axis - lead) == d) {
        kept *= d;
      } else {
        reduceInto(
            StridedCursor.overRows(shape.dims(), StridedCursor.broadcastStrides(target, shape)),
            out,
            Double::sum);
        return out;
      }
    }
    sumRuns(data, outer, kept, inner, out);
    return out;
  }

  /** {@code out[k] += Σ_o Σ_j in[(o·kept + k)·inner + j]}, split over {@code k}. */
  private static void sumRuns(double[] in, int outer, int kept, int inner, double[] out) {
    WorkerPool.forRange(
        kept,
        Math.max(1, PARALLEL_GRAIN / Math.max(1, outer * inner)),
        (from, to) -> {
          for (int o = 0; o < outer; o++) {
            for (int k = from; k < to; k++) {
              out[k] += sumRun(in, (o * kept + k) * inner, inner);
            }
          }
        });
  }

  /**
   * {@code values[from] + ... + values[from + n - 1]}, in four interleaved partial sums so that the
   * additions overlap instead of waiting for each other; the order is fixed, so results repeat.
   */
  private static double sumRun(double[] values, int from, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = from;
    int end = from + n;
    for (; i + 3 < end; i += 4) {
      s0 += values[i];
      s1 += values[i + 1];
      s2 += values[i + 2];
      s3 += values[i + 3];
    }
    for (; i < end; i++) {
      s0 += values[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Folds every element into {@code out} at the offset {@code rows} gives it. */
  private void reduceInto(StridedCursor rows, double[] out, DoubleBinaryOperator combine) {
    int n = rows.rowLength();
    int s = rows.rowStride(0);
    for (int i = 0; i < data.length; i += n) {
      int base = rows.offset(0);
      if (s == 0) {
        // The whole row folds into one element: keep it in a register.
        double acc = out[base];
        for (int j = 0; j < n; j++) {
          acc = combine.applyAsDouble(acc, data[i + j]);
        }
        out[base] = acc;
      } else {
        for (int j = 0; j < n; j++) {
          int o = base + j * s;
          out[o] = combine.applyAsDouble(out[o], data[i + j]);
        }
      }
      rows.next();
    }
  }

  // ---------------------------------------------------------------- linear algebra

  /** The matrix product of two matrices, through the {@link MatMul} gateway. */
  public Tensor matmul(Tensor other) {
    return MatMul.multiply(this, false, other, false);
  }

  // ---------------------------------------------------------------- in place (optimizers, buffers)

  /** Overwrites this tensor's values with {@code source}'s (same shape). Modifies this tensor. */
  public void copyFromInPlace(Tensor source) {
    checkSameShape("copyFromInPlace", source);
    System.arraycopy(source.data, 0, data, 0, data.length);
  }

  /** {@code this = this * scale}. Modifies this tensor. */
  public void scaleInPlace(double scale) {
    for (int i = 0; i < data.length; i++) {
      data[i] *= scale;
    }
  }

  /** {@code this = this * scale + alpha * other} (same shape). Modifies this tensor. */
  public void scaleAndAddInPlace(double scale, double alpha, Tensor other) {
    checkSameShape("scaleAndAddInPlace", other);
    double[] o = other.data;
    for (int i = 0; i < data.length; i++) {
      data[i] = data[i] * scale + alpha * o[i];
    }
  }

  private void checkSameShape(String op, Tensor other) {
    checkArgument(
        shape.equals(other.shape), "%s: shape %s does not match %s", op, other.shape, shape);
  }

  // ---------------------------------------------------------------- comparison and text

  /**
   * Whether both tensors have the same shape and every pair of elements satisfies {@code |a - b| <=
   * atol + rtol * |b|}, as NumPy's {@code allclose}.
   */
  public boolean allClose(Tensor other, double rtol, double atol) {
    if (!shape.equals(other.shape)) {
      return false;
    }
    for (int i = 0; i < data.length; i++) {
      if (!(Math.abs(data[i] - other.data[i]) <= atol + rtol * Math.abs(other.data[i]))) {
        return false;
      }
    }
    return true;
  }

  /** The flat index of the first NaN or infinite element, or -1 if every element is finite. */
  public int firstNonFinite() {
    for (int i = 0; i < data.length; i++) {
      if (!Double.isFinite(data[i])) {
        return i;
      }
    }
    return -1;
  }

  /** NumPy-like nested-bracket text of the values. */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }
}
