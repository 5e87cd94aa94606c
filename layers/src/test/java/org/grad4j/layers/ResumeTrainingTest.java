package org.grad4j.layers;

import static org.grad4j.layers.StateDictTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Scope;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.io.Checkpoint;
import org.grad4j.layers.optim.Adam;
import org.grad4j.layers.optim.Optimizer;
import org.grad4j.layers.optim.SGD;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training saved to a checkpoint (model and optimizer) and resumed in new objects continues exactly
 * as if it had never stopped.
 */
class ResumeTrainingTest {
  private static final int SAVED_AFTER = 3;
  private static final int STEPS = 7;

  @TempDir Path dir;

  enum Recipe {
    SGD_MOMENTUM(params -> SGD.builder(0.05).momentum(0.9).weightDecay(1e-3).build(params)),
    ADAM(params -> Adam.builder().lr(0.01).weightDecay(1e-3).amsgrad(true).build(params));

    private final Function<List<Parameter>, Optimizer> optimizer;

    Recipe(Function<List<Parameter>, Optimizer> optimizer) {
      this.optimizer = optimizer;
    }
  }

  /** BatchNorm on the input, whose running statistics move as it trains, then a tiny CNN. */
  private static Sequential model(long seed) {
    return new Sequential(new BatchNorm2d(1), TinyCnn.create(3, 6, 3, new Rng(seed)));
  }

  /** Trains on the batches of steps {@code from} to {@code to}; returns their losses. */
  private static double[] train(Module model, Optimizer optimizer, int from, int to) {
    double[] losses = new double[to - from + 1];
    for (int t = from; t <= to; t++) {
      Rng rng = new Rng(t);
      Tensor x = Tensor.randn(rng, 8, 1, 6, 6);
      int[] labels = rng.ints(8, 0, 3).toArray();
      losses[t - from] = TinyCnn.trainStep(model, optimizer, x, labels);
    }
    return losses;
  }

  /** The output in evaluation mode, where BatchNorm uses its running statistics. */
  private static double[] evalOutput(Module model, Tensor x) {
    model.eval();
    try (Scope noGrad = GradMode.disabled()) {
      return model.forward(new Variable(x)).data().toArray();
    } finally {
      model.train();
    }
  }

  @ParameterizedTest
  @EnumSource(Recipe.class)
  void aResumedRunIsBitIdenticalToAnUninterruptedOne(Recipe recipe) throws IOException {
    Sequential straight = model(1);
    Optimizer straightOptimizer = recipe.optimizer.apply(straight.parameters());
    double[] straightLosses = train(straight, straightOptimizer, 1, STEPS);

    Sequential first = model(1);
    Optimizer firstOptimizer = recipe.optimizer.apply(first.parameters());
    train(first, firstOptimizer, 1, SAVED_AFTER);
    Path file = dir.resolve("checkpoint.safetensors");
    new Checkpoint(
            Map.of("model", first.stateDict(), "optimizer", firstOptimizer.stateDict()), Map.of())
        .write(file);

    Checkpoint checkpoint = Checkpoint.read(file);
    Sequential resumed = model(2);
    Optimizer resumedOptimizer = recipe.optimizer.apply(resumed.parameters());
    Tensor probe = Tensor.randn(new Rng(0), 2, 1, 6, 6);
    assertNotEquals(snapshot(first), snapshot(resumed));
    resumed.loadStateDict(checkpoint.section("model"));
    resumedOptimizer.loadStateDict(checkpoint.section("optimizer"));
    assertEquals(snapshot(first), snapshot(resumed));
    assertArrayEquals(evalOutput(first, probe), evalOutput(resumed, probe));

    double[] resumedLosses = train(resumed, resumedOptimizer, SAVED_AFTER + 1, STEPS);
    assertArrayEquals(Arrays.copyOfRange(straightLosses, SAVED_AFTER, STEPS), resumedLosses);
    assertEquals(snapshot(straight), snapshot(resumed));
    assertEquals(snapshot(straightOptimizer.stateDict()), snapshot(resumedOptimizer.stateDict()));
  }
}
