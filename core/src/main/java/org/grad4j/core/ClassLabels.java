package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Kernels for integer class labels against a matrix of per-class scores {@code (N, C)}, as used by
 * classification losses: one label in {@code [0, C)} per row. The kernels expect labels that have
 * passed {@link #check}.
 */
public final class ClassLabels {
  private ClassLabels() {}

  /**
   * Checks that {@code scores} is a non-empty matrix {@code (N, C)} and that {@code labels} holds
   * {@code N} values in {@code [0, C)}.
   *
   * @param op the name of the calling op, for the error message
   */
  public static void check(String op, Tensor scores, int[] labels) {
    checkArgument(
        scores.rank() == 2 && scores.size() > 0,
        "%s: expected scores of shape (N,C) with N, C >= 1, got %s",
        op,
        scores.shape());
    int n = scores.shape().dim(0);
    int classes = scores.shape().dim(1);
    checkArgument(
        labels.length == n,
        "%s: %s labels for scores of shape %s; expected one label per row (%s)",
        op,
        labels.length,
        scores.shape(),
        n);
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i];
      checkArgument(
          label >= 0 && label < classes,
          "%s: label %s at index %s is out of range for C = %s classes, expected [0, %s)",
          op,
          label,
          i,
          classes,
          classes);
    }
  }

  /**
   * The target distribution {@code (N, C)}: {@code 1 - smoothing} on each row's label plus {@code
   * smoothing / C} everywhere, as PyTorch's label smoothing; one-hot when {@code smoothing} is 0.
   */
  public static Tensor targets(int[] labels, int classes, double smoothing) {
    double[] out = new double[labels.length * classes];
    double base = smoothing / classes;
    for (int i = 0; i < labels.length; i++) {
      Arrays.fill(out, i * classes, (i + 1) * classes, base);
      out[i * classes + labels[i]] += 1.0 - smoothing;
    }
    return new Tensor(Shape.of(labels.length, classes), out);
  }

  /**
   * How many of {@code predicted} equal {@code labels} at the same position.
   *
   * @throws IllegalArgumentException if the two arrays differ in length
   */
  public static int countCorrect(int[] predicted, int[] labels) {
    checkArgument(
        predicted.length == labels.length,
        "countCorrect: %s predictions for %s labels",
        predicted.length,
        labels.length);
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      correct += predicted[i] == labels[i] ? 1 : 0;
    }
    return correct;
  }
}
