package org.grad4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static final List<String> CLASSES = List.of("a", "b", "c");

  /** {@code n} images of 2×2 pixels, image i filled with value 10·i, label i mod 3. */
  static Dataset dataset(int n) throws IOException {
    byte[] pixels = new byte[n * 4];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(pixels, 4 * i, 4 * i + 4, (byte) (10 * i));
      labels[i] = (byte) (i % 3);
    }
    return Dataset.of(
        new IdxFile(new int[] {n, 2, 2}, pixels), new IdxFile(new int[] {n}, labels), "t", CLASSES);
  }

  @Test
  void imagesAreScaledAndNormalisedPerBatch() throws IOException {
    Dataset d = dataset(5);
    Tensor t = d.images(new int[] {3, 1}, 0.5, 0.25);
    assertEquals(Shape.of(2, 1, 2, 2), t.shape());
    assertEquals((30 / 255.0 - 0.5) / 0.25, t.get(0, 0, 1, 1), 1e-15);
    assertEquals((10 / 255.0 - 0.5) / 0.25, t.get(1, 0, 0, 0), 1e-15);
    assertArrayEquals(new int[] {0, 1}, d.labels(new int[] {3, 1}));
    assertEquals(2, d.limit(2).size());
  }

  @Test
  void countsThatDisagreeNameBothCounts() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Dataset.of(
                    new IdxFile(new int[] {3, 2, 2}, new byte[12]),
                    new IdxFile(new int[] {2}, new byte[2]),
                    "train",
                    CLASSES));
    assertTrue(e.getMessage().contains("3 images but 2 labels"), e.getMessage());
  }

  @Test
  void labelsOutOfRangeAreRejected() {
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                Dataset.of(
                    new IdxFile(new int[] {1, 1, 1}, new byte[1]),
                    new IdxFile(new int[] {1}, new byte[] {7}),
                    "train",
                    CLASSES));
    assertTrue(e.getMessage().contains("label 7"), e.getMessage());
  }

  @Test
  void loaderCoversEveryExampleOncePerEpochInASeededOrder() throws IOException {
    DataLoader loader = new DataLoader(dataset(10), 4, true, 42, 0, 1);
    assertEquals(3, loader.batchCount());
    int[] order = loader.order(0);
    assertArrayEquals(order, new DataLoader(dataset(10), 4, true, 42, 0, 1).order(0));
    assertNotEquals(Arrays.toString(order), Arrays.toString(loader.order(1)));
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    int seen = 0;
    for (DataLoader.Batch b : loader.epoch(0)) {
      seen += b.size();
    }
    assertEquals(10, seen);
    assertArrayEquals(
        new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        new DataLoader(dataset(10), 3, false, 0, 0, 1).order(5));
  }
}
