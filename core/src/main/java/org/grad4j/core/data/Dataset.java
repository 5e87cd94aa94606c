package org.grad4j.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.grad4j.core.Tensor;

/**
 * Labelled grey-scale images kept as unsigned bytes (a 60,000-image set takes 47 MB, not 376),
 * converted to float64 tensors one batch at a time.
 */
public final class Dataset {
  private final byte[] pixels;
  private final int[] labels;
  private final int rows;
  private final int cols;
  private final List<String> classNames;

  private Dataset(byte[] pixels, int[] labels, int rows, int cols, List<String> classNames) {
    this.pixels = pixels;
    this.labels = labels;
    this.rows = rows;
    this.cols = cols;
    this.classNames = List.copyOf(classNames);
  }

  /**
   * A dataset from an IDX image file {@code (n, rows, cols)} and an IDX label file {@code (n,)}.
   *
   * @param source names the files in error messages
   * @throws IOException if the shapes are wrong, the counts disagree, or a label is out of range
   */
  public static Dataset of(IdxFile images, IdxFile labels, String source, List<String> classNames)
      throws IOException {
    if (images.dims().length != 3) {
      throw new IOException(
          source
              + ": images must have 3 dimensions (n, rows, cols), got "
              + Arrays.toString(images.dims()));
    }
    if (labels.dims().length != 1) {
      throw new IOException(
          source + ": labels must have 1 dimension (n), got " + Arrays.toString(labels.dims()));
    }
    int n = images.dims()[0];
    if (labels.dims()[0] != n) {
      throw new IOException(
          String.format(
              "%s: %d images but %d labels; the files do not belong together",
              source, n, labels.dims()[0]));
    }
    int[] ints = new int[n];
    for (int i = 0; i < n; i++) {
      ints[i] = Byte.toUnsignedInt(labels.data()[i]);
      if (ints[i] >= classNames.size()) {
        throw new IOException(
            String.format(
                "%s: label %d of example %d is not one of the %d classes",
                source, ints[i], i, classNames.size()));
      }
    }
    return new Dataset(images.data(), ints, images.dims()[1], images.dims()[2], classNames);
  }

  /** The first {@code limit} examples (all if there are fewer). */
  public Dataset limit(int limit) {
    checkArgument(limit > 0, "Dataset.limit: limit must be positive, got %s", limit);
    if (limit >= size()) {
      return this;
    }
    return new Dataset(
        Arrays.copyOf(pixels, limit * rows * cols),
        Arrays.copyOf(labels, limit),
        rows,
        cols,
        classNames);
  }

  public int size() {
    return labels.length;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  public List<String> classNames() {
    return classNames;
  }

  /** The label of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /**
   * The images at {@code indices} as a tensor {@code (B, 1, rows, cols)} with each pixel mapped to
   * {@code (p/255 - mean) / std}.
   */
  public Tensor images(int[] indices, double mean, double std) {
    int area = rows * cols;
    double[] out = new double[indices.length * area];
    double scale = 1.0 / (255.0 * std);
    double shift = mean / std;
    for (int b = 0; b < indices.length; b++) {
      int src = indices[b] * area;
      int dst = b * area;
      for (int k = 0; k < area; k++) {
        out[dst + k] = Byte.toUnsignedInt(pixels[src + k]) * scale - shift;
      }
    }
    return Tensor.of(out, indices.length, 1, rows, cols);
  }

  /** The labels at {@code indices}. */
  public int[] labels(int[] indices) {
    int[] out = new int[indices.length];
    for (int b = 0; b < indices.length; b++) {
      out[b] = labels[indices[b]];
    }
    return out;
  }
}
