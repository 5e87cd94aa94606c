package org.grad4j.examples;

import java.util.List;

/** Counts of (true class, predicted class) pairs, with accuracy and a terminal rendering. */
final class ConfusionMatrix {
  private final List<String> classNames;
  private final long[][] counts;

  ConfusionMatrix(List<String> classNames) {
    this.classNames = classNames;
    this.counts = new long[classNames.size()][classNames.size()];
  }

  void add(int[] labels, int[] predictions) {
    for (int i = 0; i < labels.length; i++) {
      counts[labels[i]][predictions[i]]++;
    }
  }

  long total() {
    long n = 0;
    for (long[] row : counts) {
      for (long c : row) {
        n += c;
      }
    }
    return n;
  }

  long correct() {
    long n = 0;
    for (int c = 0; c < counts.length; c++) {
      n += counts[c][c];
    }
    return n;
  }

  double accuracy() {
    return total() == 0 ? 0 : (double) correct() / total();
  }

  /** The share of class {@code c}'s examples predicted as {@code c}. */
  double classAccuracy(int c) {
    long n = 0;
    for (long v : counts[c]) {
      n += v;
    }
    return n == 0 ? 0 : (double) counts[c][c] / n;
  }

  /** Rows are true classes, columns predictions, with per-class accuracy at the right. */
  String render() {
    int nameWidth = classNames.stream().mapToInt(String::length).max().orElse(5);
    StringBuilder sb = new StringBuilder();
    sb.append(" ".repeat(nameWidth)).append("  predicted →\n");
    sb.append(" ".repeat(nameWidth));
    for (int c = 0; c < counts.length; c++) {
      sb.append(String.format("%6d", c));
    }
    sb.append("   accuracy\n");
    for (int r = 0; r < counts.length; r++) {
      sb.append(String.format("%" + nameWidth + "s", classNames.get(r)));
      for (int c = 0; c < counts.length; c++) {
        sb.append(String.format("%6d", counts[r][c]));
      }
      sb.append(String.format("   %6.1f%%%n", 100 * classAccuracy(r)));
    }
    sb.append(
        String.format(
            "overall accuracy %.2f%% (%,d of %,d)", 100 * accuracy(), correct(), total()));
    return sb.toString();
  }
}
