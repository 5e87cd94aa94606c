package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PermutationTest {
  /** Output element by element from the definition: out[idx] = in[idx permuted back]. */
  private static double[] naive(Tensor x, int[] order) {
    Shape in = x.shape();
    int[] outDims = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      outDims[i] = in.dim(order[i]);
    }
    Shape out = Shape.of(outDims);
    double[] result = new double[out.size()];
    int[] inIndex = new int[order.length];
    for (int flat = 0; flat < result.length; flat++) {
      int[] outIndex = out.unravel(flat);
      for (int i = 0; i < order.length; i++) {
        inIndex[order[i]] = outIndex[i];
      }
      result[flat] = x.get(inIndex);
    }
    return result;
  }

  @Test
  void everyPermutationOfRandomShapesMatchesTheDefinition() {
    Rng rng = new Rng(11);
    for (int trial = 0; trial < 300; trial++) {
      int rank = 1 + rng.nextInt(5);
      int[] dims = new int[rank];
      for (int i = 0; i < rank; i++) {
        dims[i] = 1 + rng.nextInt(trial % 3 == 0 ? 40 : 5);
      }
      if (Shape.of(dims).size() > 20_000) {
        continue;
      }
      List<Integer> axes = new ArrayList<>();
      for (int i = 0; i < rank; i++) {
        axes.add(i);
      }
      Collections.shuffle(axes, new java.util.Random(trial));
      int[] order = axes.stream().mapToInt(Integer::intValue).toArray();
      Tensor x = Tensor.randn(rng, dims);
      assertArrayEquals(naive(x, order), x.permute(order).toArray(), 0.0);
    }
  }

  @Test
  void theConvWeightGradientLayoutIsABlockedTransposeOfEachImage() {
    Tensor gy = Tensor.arange(2 * 3 * 35 * 37).reshape(2, 3, 35, 37);
    Tensor nhwc = gy.permute(0, 2, 3, 1);
    assertEquals(Shape.of(2, 35, 37, 3), nhwc.shape());
    assertEquals(gy.get(1, 2, 34, 36), nhwc.get(1, 34, 36, 2), 0.0);
    assertArrayEquals(naive(gy, new int[] {0, 2, 3, 1}), nhwc.toArray(), 0.0);
  }

  /** Large permutations split their rows over the worker threads; each part starts mid-tensor. */
  @Test
  void largePermutationsSplitAcrossThreadsMatchTheDefinition() {
    Tensor x = Tensor.randn(new Rng(12), 6, 7, 40, 131);
    int[][] orders = {{1, 0, 2, 3}, {2, 0, 3, 1}, {3, 2, 1, 0}, {0, 1, 3, 2}, {1, 2, 0, 3}};
    for (int[] order : orders) {
      assertArrayEquals(naive(x, order), x.permute(order).toArray(), 0.0);
    }
  }
}
