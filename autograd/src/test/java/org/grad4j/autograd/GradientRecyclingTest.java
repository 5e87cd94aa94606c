package org.grad4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.function.Function;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A backward pass that does not create a graph hands the storage of gradients it no longer holds
 * back to core's pool, where the next large kernel of that size finds it. These tests run graphs in
 * which gradients are shared (a variable used twice, sums that return their gradient to both
 * inputs, reshapes that alias it, retained intermediate gradients) and check every result against
 * the same pass with {@link BackwardOption#CREATE_GRAPH}, which recycles nothing, after further
 * passes that would overwrite anything recycled too early.
 */
class GradientRecyclingTest {
  /** Large enough (64·96 values) for the pool. */
  private static Tensor input(long seed) {
    return Tensor.randn(new Rng(seed), 8, 8, 96);
  }

  /** Shares gradients every way the engine must count: reuse, sums, reshapes, a retained grad. */
  private static Variable graph(Variable x, Variable[] retained) {
    Variable a = F.relu(x);
    Variable b = F.tanh(x);
    retained[0] = F.add(a, b).retainGrad();
    Variable c = F.add(retained[0], a);
    Variable flat = F.reshape(F.mul(c, c), 64, 96);
    return F.sum(F.add(flat, F.reshape(b, 64, 96)));
  }

  private static Tensor[] run(Tensor data, BackwardOption... options) {
    Variable x = new Variable(data, true);
    Variable[] retained = new Variable[1];
    graph(x, retained).backward(options);
    return new Tensor[] {x.grad().data(), retained[0].grad().data()};
  }

  private static void churn() {
    for (long seed = 10; seed < 14; seed++) {
      run(input(seed));
    }
  }

  @Test
  void gradientsMatchAPassThatRecyclesNothing() {
    Tensor data = input(1);
    Tensor[] expected = run(data, BackwardOption.CREATE_GRAPH);
    Tensor[] recycled = run(data);
    churn();
    assertArrayEquals(expected[0].toArray(), recycled[0].toArray(), 0.0, "leaf gradient");
    assertArrayEquals(expected[1].toArray(), recycled[1].toArray(), 0.0, "retained gradient");
  }

  @Test
  void gradientsReturnedByGradSurviveLaterPasses() {
    Tensor data = input(2);
    Function<BackwardOption[], List<Variable>> grads =
        options -> {
          Variable x = new Variable(data, true);
          return Autograd.grad(graph(x, new Variable[1]), List.of(x), options);
        };
    Tensor expected = grads.apply(new BackwardOption[] {BackwardOption.CREATE_GRAPH}).get(0).data();
    Tensor actual = grads.apply(new BackwardOption[0]).get(0).data();
    churn();
    assertArrayEquals(expected.toArray(), actual.toArray(), 0.0);
  }

  @Test
  void repeatedPassesGiveTheSameGradients() {
    Tensor data = input(3);
    Tensor first = run(data)[0];
    double[] firstValues = first.toArray();
    churn();
    assertArrayEquals(firstValues, run(data)[0].toArray(), 0.0);
    assertArrayEquals(firstValues, first.toArray(), 0.0, "an earlier gradient was overwritten");
  }
}
