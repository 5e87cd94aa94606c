package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IndexingTest {
  private static Tensor arange(int... dims) {
    return Tensor.arange(Shape.of(dims).size()).reshape(dims);
  }

  @Test
  void sliceAlongEachAxis() {
    // x[i, j, k] = 12i + 4j + k
    Tensor x = arange(2, 3, 4);
    Tensor second = Indexing.slice(x, 0, 1, 2);
    assertEquals(Shape.of(1, 3, 4), second.shape());
    assertArrayEquals(Tensor.arange(12).add(12).toArray(), second.toArray(), 0.0);
    Tensor middle = Indexing.slice(x, 1, 1, 3);
    assertEquals(Shape.of(2, 2, 4), middle.shape());
    assertArrayEquals(
        new double[] {4, 5, 6, 7, 8, 9, 10, 11, 16, 17, 18, 19, 20, 21, 22, 23},
        middle.toArray(),
        0.0);
    Tensor last = Indexing.slice(x, -1, 3, 4);
    assertArrayEquals(new double[] {3, 7, 11, 15, 19, 23}, last.toArray(), 0.0);
    assertEquals(Shape.of(2, 0, 4), Indexing.slice(x, 1, 2, 2).shape());
  }

  @Test
  void sliceScatterIsTheAdjointOfSlice() {
    Rng rng = new Rng(5);
    Tensor x = Tensor.randn(rng, 3, 5, 2);
    Tensor c = Tensor.randn(rng, 3, 2, 2);
    Tensor placed = Indexing.sliceScatter(c, x.shape(), 1, 2);
    assertEquals(x.shape(), placed.shape());
    assertEquals(
        dot(Indexing.slice(x, 1, 2, 4).toArray(), c.toArray()),
        dot(x.toArray(), placed.toArray()),
        1e-12);
    assertArrayEquals(c.toArray(), Indexing.slice(placed, 1, 2, 4).toArray(), 0.0);
    Tensor rest =
        Indexing.concat(1, Indexing.slice(placed, 1, 0, 2), Indexing.slice(placed, 1, 4, 5));
    assertArrayEquals(new double[rest.size()], rest.toArray(), 0.0);
  }

  @Test
  void concatJoinsAlongAnyAxis() {
    Tensor a = arange(2, 1, 3);
    Tensor b = arange(2, 2, 3).add(100);
    Tensor y = Indexing.concat(1, a, b);
    assertEquals(Shape.of(2, 3, 3), y.shape());
    assertArrayEquals(
        new double[] {0, 1, 2, 100, 101, 102, 103, 104, 105, 3, 4, 5, 106, 107, 108, 109, 110, 111},
        y.toArray(),
        0.0);
    assertArrayEquals(a.toArray(), Indexing.slice(y, 1, 0, 1).toArray(), 0.0);
    assertArrayEquals(b.toArray(), Indexing.slice(y, 1, 1, 3).toArray(), 0.0);
    Tensor single = Indexing.concat(-1, a);
    assertEquals(a.shape(), single.shape());
    assertArrayEquals(a.toArray(), single.toArray(), 0.0);
  }

  @Test
  void rowPositionsPickOneElementPerRow() {
    Rng rng = new Rng(6);
    Tensor x = Tensor.randn(rng, 4, 3);
    Tensor v = Tensor.randn(rng, 4);
    int[] positions = Indexing.rowPositions("gather", x.shape(), new int[] {2, 0, 2, 1});
    assertArrayEquals(new int[] {2, 3, 8, 10}, positions);
    Tensor picked = Indexing.gather(x, positions, Shape.of(4));
    assertArrayEquals(
        new double[] {x.get(0, 2), x.get(1, 0), x.get(2, 2), x.get(3, 1)}, picked.toArray(), 0.0);
    Tensor placed = Indexing.scatterAdd(v, positions, x.shape());
    assertEquals(Shape.of(4, 3), placed.shape());
    assertEquals(dot(picked.toArray(), v.toArray()), dot(x.toArray(), placed.toArray()), 1e-12);
    assertEquals(v.get(3), placed.get(3, 1));
    assertEquals(0.0, placed.get(3, 0));
  }

  @Test
  void gatherReadsAndScatterAddAccumulates() {
    Tensor source = Tensor.of(new double[] {10, 20, 30}, 3);
    int[] index = {2, 0, 2, 1};
    assertArrayEquals(
        new double[] {30, 10, 30, 20},
        Indexing.gather(source, index, Shape.of(2, 2)).toArray(),
        0.0);
    Tensor values = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    assertArrayEquals(
        new double[] {2, 4, 4}, Indexing.scatterAdd(values, index, Shape.of(3)).toArray(), 0.0);
    // Added onto +0.0, as PyTorch's zeros().scatter_add_: a -0.0 alone comes out as +0.0.
    Tensor negativeZero = Tensor.of(new double[] {-0.0}, 1);
    assertEquals(0.0, Indexing.scatterAdd(negativeZero, new int[] {1}, Shape.of(2)).get(1));
  }

  @Test
  void gatherAndScatterAddAreAdjoint() {
    Rng rng = new Rng(1);
    Tensor x = Tensor.randn(rng, 2, 3, 5, 4);
    int[] index = new int[30];
    for (int i = 0; i < index.length; i++) {
      index[i] = rng.nextInt(x.size());
    }
    Tensor u = Tensor.randn(rng, 2, 3, 5);
    double lhs = dot(Indexing.gather(x, index, u.shape()).toArray(), u.toArray());
    double rhs = dot(x.toArray(), Indexing.scatterAdd(u, index, x.shape()).toArray());
    assertEquals(lhs, rhs, 1e-12 * Math.max(1, Math.abs(lhs)));
  }

  /**
   * Indices that repeat anywhere in an output of another first dimension, and signed zeros: every
   * element must get its additions in the order of a plain loop.
   */
  @Test
  void scatterAddMatchesAPlainLoop() {
    Rng rng = new Rng(7);
    int size = 100_003;
    int[] index = new int[150_000];
    for (int o = 0; o < index.length; o++) {
      index[o] = rng.nextInt(size);
    }
    assertScatterAddMatchesAPlainLoop(rng, Shape.of(index.length), index, Shape.of(size));
  }

  /**
   * An output large enough to be split over threads by its first axis, with indices that repeat
   * within their block, as max pooling's arg-maxima do; then one index in another block, which must
   * not change the result either.
   */
  @Test
  void scatterAddByBlocksMatchesAPlainLoop() {
    Rng rng = new Rng(8);
    Shape values = Shape.of(64, 3000);
    Shape out = Shape.of(64, 2048);
    int[] index = new int[values.size()];
    for (int o = 0; o < index.length; o++) {
      index[o] = o / 3000 * 2048 + rng.nextInt(2048);
    }
    assertScatterAddMatchesAPlainLoop(rng, values, index, out);
    index[5 * 3000 + 17] = 40 * 2048 + 3;
    assertScatterAddMatchesAPlainLoop(rng, values, index, out);
  }

  private static void assertScatterAddMatchesAPlainLoop(
      Rng rng, Shape valuesShape, int[] index, Shape shape) {
    double[] values = new double[index.length];
    for (int o = 0; o < index.length; o++) {
      values[o] = rng.nextInt(10) == 0 ? -0.0 : rng.nextGaussian();
    }
    double[] expected = new double[shape.size()];
    for (int o = 0; o < index.length; o++) {
      expected[index[o]] += values[o];
    }
    CoreAssertions.poisonPool(shape.size());
    Tensor out = Indexing.scatterAdd(Tensor.of(values, valuesShape.dims()), index, shape);
    assertArrayEquals(expected, out.toArray());
  }

  @Test
  void argmaxTakesTheFirstMaximumAlongTheAxis() {
    Tensor x = Tensor.of(new double[] {3, 1, 3, 2, 2, 0, 5, 5}, 2, 2, 2);
    // axis 2: rows [3,1] [3,2] [2,0] [5,5]
    assertArrayEquals(new int[] {0, 0, 0, 0}, Indexing.argmax(x, 2));
    // axis 1: (i, k) pairs compare x[i,0,k] with x[i,1,k]
    assertArrayEquals(new int[] {0, 1, 1, 1}, Indexing.argmax(x, 1));
    // axis 0: x[0,j,k] vs x[1,j,k]: 3|2, 1|0, 3|5, 2|5
    assertArrayEquals(new int[] {0, 0, 1, 1}, Indexing.argmax(x, 0));
    assertArrayEquals(new int[] {2}, Indexing.argmax(Tensor.of(new double[] {-3, -2, -1}, 3), 0));
    assertArrayEquals(new int[0], Indexing.argmax(Tensor.zeros(0, 3), 1));
  }

  @Test
  void badArgumentsNameTheOpAndShape() {
    Tensor x = Tensor.zeros(3, 4);
    assertIllegalArgument(
        () -> Indexing.slice(x, 1, 3, 5),
        "slice: [3, 5) is not a range within axis 1 of shape (3,4) (size 4)");
    assertIllegalArgument(() -> Indexing.slice(x, 2, 0, 1), "slice", "axis 2", "(3,4)");
    assertIllegalArgument(
        () -> Indexing.sliceScatter(Tensor.zeros(3, 2), x.shape(), 1, 3),
        "sliceScatter: (3,2) does not fit into (3,4) at offset 3 along axis 1");
    assertIllegalArgument(
        () -> Indexing.sliceScatter(Tensor.zeros(2, 2), x.shape(), 1, 0), "sliceScatter", "(2,2)");
    assertIllegalArgument(
        () -> Indexing.sliceScatter(Tensor.zeros(2), x.shape(), 1, 0), "sliceScatter", "(2,)");
    assertIllegalArgument(
        () -> Indexing.concat(0, x, Tensor.zeros(3, 3)),
        "concat: tensor 1 has shape (3,3) but tensor 0 has shape (3,4)");
    assertIllegalArgument(() -> Indexing.concat(0), "concat", "at least one");
    assertIllegalArgument(
        () -> Indexing.concat(0, Tensor.scalar(1), Tensor.scalar(2)), "concat", "scalars");
    assertIllegalArgument(
        () -> Indexing.rowPositions("gather", x.shape(), new int[] {0, 1, 4}),
        "gather: index 4 at row 2 is out of range for 4 columns of shape (3,4)");
    assertIllegalArgument(
        () -> Indexing.rowPositions("gather", x.shape(), new int[] {0}),
        "gather",
        "1 indices",
        "3 rows");
    assertIllegalArgument(
        () -> Indexing.rowPositions("gather", Shape.of(3), new int[3]), "gather", "(3,)");
    assertIllegalArgument(
        () -> Indexing.gather(Tensor.zeros(3), new int[] {0, 3}, Shape.of(2)),
        "gather",
        "index 3",
        "[0, 3)");
    assertIllegalArgument(
        () -> Indexing.gather(Tensor.zeros(3), new int[] {0}, Shape.of(2)), "gather", "(2,)");
    assertIllegalArgument(
        () -> Indexing.scatterAdd(Tensor.zeros(2), new int[] {-1, 0}, Shape.of(3)),
        "scatterAdd",
        "index -1");
    assertIllegalArgument(
        () -> Indexing.scatterAdd(Tensor.zeros(2, 1), new int[] {0, 3}, Shape.of(2, 1)),
        "scatterAdd",
        "index 3",
        "[0, 2)");
    assertIllegalArgument(
        () -> Indexing.scatterAdd(Tensor.zeros(2), new int[] {0}, Shape.of(3)),
        "scatterAdd",
        "(2,)");
    assertIllegalArgument(() -> Indexing.argmax(x, -3), "argmax", "axis -3", "(3,4)");
    assertIllegalArgument(
        () -> Indexing.argmax(Tensor.zeros(3, 0), 1), "argmax: axis 1 of shape (3,0) is empty");
  }
}
