package org.grad4j.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.grad4j.autograd.BackwardOption;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * conv2d hands its column matrices back for reuse once a backward pass frees the graph: a later
 * step of the same size fills the same storage. Results must not depend on what it held before. The
 * shapes are large enough (over 4,096 values per array) for the pool to keep them.
 */
class ConvBufferReuseTest {
  private static final ConvGeometry GEOMETRY = ConvGeometry.of(3, 1, 1);

  /** The gradients {x, w, b} and the output of sum(conv2d(x, w, b)²). */
  private static Tensor[] step(Tensor x, Tensor w, Tensor b, BackwardOption... options) {
    Variable xv = new Variable(x, true);
    Variable wv = new Variable(w, true);
    Variable bv = new Variable(b, true);
    Variable y = F.conv2d(xv, wv, bv, GEOMETRY);
    F.sum(F.mul(y, y)).backward(options);
    return new Tensor[] {xv.grad().data(), wv.grad().data(), bv.grad().data(), y.data()};
  }

  private static void assertSameResults(Tensor[] expected, Tensor[] actual) {
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i].toArray(), actual[i].toArray(), 0.0, "result " + i);
    }
  }

  @Test
  void aStepAfterOthersOfTheSameSizeGivesTheSameResults() {
    Rng rng = new Rng(5);
    Tensor x = Tensor.randn(rng, 4, 8, 16, 16);
    Tensor w = Tensor.randn(rng, 8, 8, 3, 3);
    Tensor b = Tensor.randn(rng, 8);
    // A pass that builds a graph recycles neither gradients nor the saved columns.
    Tensor[] expected = step(x, w, b, BackwardOption.CREATE_GRAPH);
    Tensor[] first = step(x, w, b);
    step(Tensor.randn(rng, 4, 8, 16, 16), Tensor.randn(rng, 8, 8, 3, 3), b);
    step(x.map(v -> 1e6), w, b, BackwardOption.RETAIN_GRAPH);
    assertSameResults(expected, first);
    assertSameResults(expected, step(x, w, b));
  }

  @Test
  void aForwardWithoutGradientReusesNothingItStillNeeds() {
    Rng rng = new Rng(6);
    Tensor x = Tensor.randn(rng, 4, 6, 16, 16);
    Tensor w = Tensor.randn(rng, 5, 6, 3, 3);
    Tensor b = Tensor.randn(rng, 5);
    Variable xv = new Variable(x, true);
    Variable wv = new Variable(w, true);
    Variable y = F.conv2d(xv, wv, new Variable(b), GEOMETRY);
    // Between the forward and its backward, inference of the same size recycles its own columns.
    F.conv2d(new Variable(x.map(v -> -v)), new Variable(w), new Variable(b), GEOMETRY);
    F.sum(F.mul(y, y)).backward();
    Tensor[] expected = step(x, w, b);
    assertArrayEquals(expected[0].toArray(), xv.grad().data().toArray(), 0.0);
    assertArrayEquals(expected[1].toArray(), wv.grad().data().toArray(), 0.0);
  }
}
