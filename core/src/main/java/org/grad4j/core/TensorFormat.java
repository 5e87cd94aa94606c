package org.grad4j.core;

import java.util.Locale;

/**
 * Formats a tensor as NumPy prints an array: nested brackets, one row per line, columns aligned, a
 * blank line between blocks of rank 3 and above.
 */
final class TensorFormat {
  private TensorFormat() {}

  static String format(Tensor t) {
    String[] cells = new String[t.size()];
    boolean integral = true;
    for (double v : t.data) {
      integral &= v == Math.rint(v) && Math.abs(v) < 1e15;
    }
    int width = 0;
    for (int i = 0; i < cells.length; i++) {
      double v = t.data[i];
      cells[i] =
          integral
              ? String.format(Locale.ROOT, "%d.", (long) v)
              : trimZeros(String.format(Locale.ROOT, "%.8g", v).trim());
      width = Math.max(width, cells[i].length());
    }
    if (t.rank() == 0) {
      return cells[0];
    }
    StringBuilder sb = new StringBuilder();
    appendBlock(sb, t.shape().dims(), 0, 0, cells, width);
    return sb.toString();
  }

  private static int appendBlock(
      StringBuilder sb, int[] dims, int axis, int start, String[] cells, int width) {
    sb.append('[');
    int rank = dims.length;
    int next = start;
    for (int i = 0; i < dims[axis]; i++) {
      if (axis == rank - 1) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(" ".repeat(width - cells[next].length())).append(cells[next]);
        next++;
      } else {
        if (i > 0) {
          sb.append(',').append("\n".repeat(rank - axis - 1)).append(" ".repeat(axis + 1));
        }
        next = appendBlock(sb, dims, axis + 1, next, cells, width);
      }
    }
    sb.append(']');
    return next;
  }

  /** NumPy drops trailing zeros of the mantissa: {@code 0.50000000} prints as {@code 0.5}. */
  private static String trimZeros(String number) {
    int e = number.indexOf('e');
    String mantissa = e < 0 ? number : number.substring(0, e);
    String exponent = e < 0 ? "" : number.substring(e);
    if (mantissa.contains(".")) {
      mantissa = mantissa.replaceAll("0+$", "");
    }
    return mantissa + exponent;
  }
}
