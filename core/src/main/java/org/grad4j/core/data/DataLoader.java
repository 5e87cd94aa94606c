package org.grad4j.core.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;

/**
 * Splits a dataset into batches, shuffled anew each epoch. The order of epoch {@code e} depends
 * only on the seed and {@code e}, so a run resumed at an epoch boundary sees the same batches as an
 * uninterrupted one.
 */
public final class DataLoader {
  private final Dataset dataset;
  private final int batchSize;
  private final boolean shuffle;
  private final long seed;
  private final double mean;
  private final double std;

  /**
   * @param mean,std pixels are scaled to {@code [0, 1]}, then mapped to {@code (p - mean) / std} (0
   *     and 1 keep them in {@code [0, 1]})
   */
  public DataLoader(
      Dataset dataset, int batchSize, boolean shuffle, long seed, double mean, double std) {
    checkArgument(batchSize >= 1, "DataLoader: batch size must be positive, got %s", batchSize);
    checkArgument(std > 0, "DataLoader: std must be positive, got %s", std);
    this.dataset = dataset;
    this.batchSize = batchSize;
    this.shuffle = shuffle;
    this.seed = seed;
    this.mean = mean;
    this.std = std;
  }

  /** A batch: images {@code (B, 1, rows, cols)} and their class labels. */
  public record Batch(Tensor images, int[] labels) {
    public int size() {
      return labels.length;
    }
  }

  /** The number of batches per epoch (the last one may be smaller). */
  public int batchCount() {
    return (dataset.size() + batchSize - 1) / batchSize;
  }

  public Dataset dataset() {
    return dataset;
  }

  /** The example order of {@code epoch}: a seeded Fisher–Yates shuffle, or file order. */
  public int[] order(int epoch) {
    int n = dataset.size();
    int[] order = new int[n];
    Arrays.setAll(order, i -> i);
    if (shuffle) {
      Rng rng = new Rng(seed * 1_000_003L + epoch);
      for (int i = n - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    return order;
  }

  /** Batch {@code index} of an epoch whose example order is {@code order}. */
  public Batch batch(int[] order, int index) {
    checkArgument(
        index >= 0 && index < batchCount(),
        "DataLoader: batch %s out of range 0..%s",
        index,
        batchCount() - 1);
    int from = index * batchSize;
    int[] indices = Arrays.copyOfRange(order, from, Math.min(from + batchSize, order.length));
    return new Batch(dataset.images(indices, mean, std), dataset.labels(indices));
  }

  /** The batches of {@code epoch}, in order, each built when the iteration reaches it. */
  public Iterable<Batch> epoch(int epoch) {
    int[] order = order(epoch);
    return () ->
        new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < batchCount();
          }

          @Override
          public Batch next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return batch(order, next++);
          }
        };
  }
}
