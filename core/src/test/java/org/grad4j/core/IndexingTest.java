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
  void gatherAndScatterAreAdjoint() {
    Rng rng = new Rng(6);
    Tensor x = Tensor.randn(rng, 4, 3);
    Tensor v = Tensor.randn(rng, 4);
    int[] index = {2, 0, 2, 1};
    Tensor picked = Indexing.gather(x, index);
    assertArrayEquals(
        new double[] {x.get(0, 2), x.get(1, 0), x.get(2, 2), x.get(3, 1)}, picked.toArray(), 0.0);
    Tensor placed = Indexing.scatter(v, index, 3);
    assertEquals(Shape.of(4, 3), placed.shape());
    assertEquals(dot(picked.toArray(), v.toArray()), dot(x.toArray(), placed.toArray()), 1e-12);
    assertEquals(v.get(3), placed.get(3, 1));
    assertEquals(0.0, placed.get(3, 0));
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
        () -> Indexing.gather(x, new int[] {0, 1, 4}),
        "gather: index 4 at row 2 is out of range for 4 columns of shape (3,4)");
    assertIllegalArgument(() -> Indexing.gather(x, new int[] {0}), "gather", "1 indices", "3 rows");
    assertIllegalArgument(() -> Indexing.gather(Tensor.zeros(3), new int[3]), "gather", "(3,)");
    assertIllegalArgument(
        () -> Indexing.scatter(Tensor.zeros(2), new int[] {0, 3}, 3), "scatter", "index 3");
    assertIllegalArgument(() -> Indexing.scatter(x, new int[3], 4), "scatter", "(3,4)");
    assertIllegalArgument(() -> Indexing.argmax(x, -3), "argmax", "axis -3", "(3,4)");
    assertIllegalArgument(
        () -> Indexing.argmax(Tensor.zeros(3, 0), 1), "argmax: axis 1 of shape (3,0) is empty");
  }
}
