package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The immutable dimensions of a tensor, outermost first (NCHW for images).
 *
 * <p>Axis arguments may be negative and then count from the end, as in NumPy: axis {@code -1} is
 * the last one.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final int size;

  private Shape(int[] dims) {
    this.dims = dims;
    int n = 1;
    for (int d : dims) {
      long product = (long) n * d;
      checkArgument(
          product <= Integer.MAX_VALUE,
          "Shape: %s has more than %s elements",
          Arrays.toString(dims),
          Integer.MAX_VALUE);
      n = (int) product;
    }
    this.size = n;
  }

  /** A shape with the given dimensions; every dimension must be at least 0. */
  public static Shape of(int... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    for (int d : dims) {
      checkArgument(d >= 0, "Shape: negative dimension in %s", Arrays.toString(dims));
    }
    return new Shape(dims.clone());
  }

  /** The shape of a scalar: rank 0, one element. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of dimensions. */
  public int rank() {
    return dims.length;
  }

  /** Number of elements: the product of the dimensions (1 for a scalar). */
  public int size() {
    return size;
  }

  /** The dimension along {@code axis} (negative axes count from the end). */
  public int dim(int axis) {
    return dims[normalizeAxis(axis, "Shape.dim")];
  }

  /** A copy of the dimensions. */
  public int[] dims() {
    return dims.clone();
  }

  /** Row-major strides in elements: the last axis has stride 1. */
  public int[] strides() {
    int[] strides = new int[dims.length];
    int stride = 1;
    for (int i = dims.length - 1; i >= 0; i--) {
      strides[i] = stride;
      stride *= dims[i];
    }
    return strides;
  }

  /** The multi-index of row-major flat position {@code flat}, one coordinate per axis. */
  public int[] unravel(int flat) {
    checkArgument(flat >= 0 && flat < size, "Shape.unravel: %s is out of range for %s", flat, this);
    int[] index = new int[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    return index;
  }

  /**
   * Maps a possibly negative axis to {@code 0..rank-1}.
   *
   * @param op the name of the calling op, for the error message
   */
  public int normalizeAxis(int axis, String op) {
    int rank = dims.length;
    checkArgument(
        axis >= -rank && axis < rank,
        "%s: axis %s is out of range for shape %s (rank %s)",
        op,
        axis,
        this,
        rank);
    return axis < 0 ? axis + rank : axis;
  }

  /** The same shape with the dimension at {@code axis} replaced by {@code newDim}. */
  public Shape withDim(int axis, int newDim) {
    int[] d = dims.clone();
    d[normalizeAxis(axis, "Shape.withDim")] = newDim;
    return Shape.of(d);
  }

  /**
   * The shape two operands broadcast to, by NumPy's rules: align trailing axes; each pair of
   * dimensions must be equal or one of them 1.
   *
   * @param op the name of the calling op, for the error message
   */
  public static Shape broadcast(Shape a, Shape b, String op) {
    if (a.equals(b)) {
      return a;
    }
    int rank = Math.max(a.rank(), b.rank());
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
      int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
      checkArgument(
          da == db || da == 1 || db == 1,
          "%s: shapes %s and %s cannot be broadcast together (dimension %s vs %s)",
          op,
          a,
          b,
          da,
          db);
      out[i] = da == 1 ? db : da;
    }
    return new Shape(out);
  }

  /** Whether this shape broadcasts to {@code target} without changing {@code target}. */
  public boolean broadcastsTo(Shape target) {
    if (rank() > target.rank()) {
      return false;
    }
    int offset = target.rank() - rank();
    for (int i = 0; i < rank(); i++) {
      if (dims[i] != 1 && dims[i] != target.dims[i + offset]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape other && Arrays.equals(dims, other.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** NumPy-like text: {@code (2,3,4,4)}, {@code (5,)} for rank 1, {@code ()} for a scalar. */
  @Override
  public String toString() {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    return Arrays.stream(dims)
        .mapToObj(Integer::toString)
        .collect(Collectors.joining(",", "(", ")"));
  }
}
