package org.grad4j.layers.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Saving and loading optimizer and scheduler state. */
class OptimizerStateDictTest {
  /** Every optimizer configuration of the reference file, resumed after each possible step. */
  static Stream<Arguments> resumePoints() {
    return OptimizerReferenceTest.cases().stream()
        .flatMap(c -> Stream.of(0, 1, 2, 3).map(k -> Arguments.of(c, k)));
  }

  @ParameterizedTest(name = "{0} resumed after step {1}")
  @MethodSource("resumePoints")
  void aResumedRunIsBitIdenticalToAnUninterruptedOne(Case c, int savedAfter) {
    List<Parameter> straight = OptimizerReferenceTest.startParameters(c);
    Optimizer uninterrupted = OptimizerReferenceTest.build(c, straight);
    runSteps(c, straight, uninterrupted, 1, OptimizerReferenceTest.STEPS);

    List<Parameter> first = OptimizerReferenceTest.startParameters(c);
    Optimizer before = OptimizerReferenceTest.build(c, first);
    runSteps(c, first, before, 1, savedAfter);
    Map<String, Tensor> saved = before.stateDict();
    List<Parameter> resumedParams =
        first.stream()
            .map(p -> new Parameter(Tensor.of(p.data().toArray(), p.shape().dims())))
            .toList();
    Optimizer resumed = OptimizerReferenceTest.build(c, resumedParams);
    resumed.loadStateDict(saved);
    runSteps(c, resumedParams, resumed, savedAfter + 1, OptimizerReferenceTest.STEPS);

    for (int i = 0; i < straight.size(); i++) {
      assertArrayEquals(straight.get(i).data().toArray(), resumedParams.get(i).data().toArray());
    }
    assertSameState(uninterrupted.stateDict(), resumed.stateDict());
  }

  private static void runSteps(
      Case c, List<Parameter> params, Optimizer optimizer, int from, int to) {
    for (int t = from; t <= to; t++) {
      OptimizerReferenceTest.setGradients(c, params, t);
      optimizer.step();
    }
  }

  private static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    expected.forEach(
        (key, t) -> {
          assertEquals(t.shape(), actual.get(key).shape(), key);
          assertArrayEquals(t.toArray(), actual.get(key).toArray(), key);
        });
  }

  /** Adam with AMSGrad after one step in which only the first of two parameters had a gradient. */
  private static Adam steppedAdam() {
    Parameter a = new Parameter(Tensor.arange(6).reshape(2, 3));
    Parameter b = new Parameter(Tensor.ones(4));
    Adam adam = Adam.builder().lr(0.1).amsgrad(true).build(List.of(a, b));
    a.setGrad(Tensor.full(0.5, 2, 3));
    adam.step();
    return adam;
  }

  @Test
  void stateDictHoldsTheLearningRateAndEachUpdatedParametersStepAndBuffers() {
    Map<String, Tensor> state = steppedAdam().stateDict();
    assertEquals(
        List.of(
            "lr",
            "state.0.step",
            "state.0.exp_avg",
            "state.0.exp_avg_sq",
            "state.0.max_exp_avg_sq"),
        List.copyOf(state.keySet()));
    assertEquals(Shape.scalar(), state.get("lr").shape());
    assertEquals(0.1, state.get("lr").item(), 0.0);
    assertEquals(Shape.scalar(), state.get("state.0.step").shape());
    assertEquals(1.0, state.get("state.0.step").item(), 0.0);
    // exp_avg = (1 - beta1) · g after one step
    assertArrayEquals(
        Tensor.full(0.1 * 0.5, 2, 3).toArray(), state.get("state.0.exp_avg").toArray(), 1e-15);
  }

  @Test
  void stateDictIsACopy() {
    Adam adam = steppedAdam();
    Map<String, Tensor> saved = adam.stateDict();
    double[] expAvg = saved.get("state.0.exp_avg").toArray();
    adam.step();
    assertArrayEquals(expAvg, saved.get("state.0.exp_avg").toArray());
    saved.get("state.0.exp_avg_sq").scaleInPlace(0);
    assertTrue(adam.stateDict().get("state.0.exp_avg_sq").norm() > 0);
  }

  @Test
  void loadingWithoutStateForAParameterForgetsItsState() {
    Adam adam = steppedAdam();
    Map<String, Tensor> lrOnly = new HashMap<>();
    lrOnly.put("lr", Tensor.scalar(0.25));
    adam.loadStateDict(lrOnly);
    assertEquals(List.of("lr"), List.copyOf(adam.stateDict().keySet()));
    assertEquals(0.25, adam.lr(), 0.0);
  }

  static Stream<Arguments> badStates() {
    return Stream.of(
        bad("'lr' is missing", s -> s.remove("lr")),
        bad("'lr' holds -1.0", s -> s.put("lr", Tensor.scalar(-1))),
        bad("'lr' has shape (1,)", s -> s.put("lr", Tensor.ones(1))),
        bad("unexpected key 'bogus'", s -> s.put("bogus", Tensor.scalar(0))),
        bad(
            "unexpected key 'state.0.momentum_buffer'",
            s -> s.put("state.0.momentum_buffer", Tensor.zeros(2, 3))),
        bad("'state.2.step' names parameter 2", s -> s.put("state.2.step", Tensor.scalar(1))),
        bad("'state.0.exp_avg' has shape (3,2)", s -> s.put("state.0.exp_avg", Tensor.zeros(3, 2))),
        bad("'state.0.exp_avg_sq' holds null", s -> s.put("state.0.exp_avg_sq", null)),
        bad("'state.0.max_exp_avg_sq' is missing", s -> s.remove("state.0.max_exp_avg_sq")),
        bad("'state.1.exp_avg' is missing", s -> s.put("state.1.step", Tensor.scalar(1))),
        bad("'state.0.step' holds 0.0", s -> s.put("state.0.step", Tensor.scalar(0))),
        bad("'state.0.step' holds 1.5", s -> s.put("state.0.step", Tensor.scalar(1.5))));
  }

  private static Arguments bad(String message, Consumer<Map<String, Tensor>> corrupt) {
    return Arguments.of(message, corrupt);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badStates")
  void aBadStateIsRejectedNamingTheKeyAndChangesNothing(
      String message, Consumer<Map<String, Tensor>> corrupt) {
    Adam adam = steppedAdam();
    Map<String, Tensor> before = adam.stateDict();
    Map<String, Tensor> state = new HashMap<>(adam.stateDict());
    state.put("lr", Tensor.scalar(0.5));
    state.put("state.0.exp_avg", Tensor.full(7, 2, 3));
    corrupt.accept(state);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(state));
    assertTrue(e.getMessage().startsWith("Adam: loadStateDict: "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertSameState(before, adam.stateDict());
  }

  @Test
  void aResumedScheduleContinuesBitIdentically() {
    double[] uninterrupted = scheduledRun(6, -1);
    double[] resumed = scheduledRun(6, 3);
    assertArrayEquals(uninterrupted, resumed);
  }

  /**
   * SGD with momentum under a one-cycle schedule for {@code steps} steps, optionally saved after
   * {@code saveAfter} steps and resumed in new objects; the parameter and the rates of every step.
   */
  private static double[] scheduledRun(int steps, int saveAfter) {
    double[] out = new double[steps + 3];
    Parameter p = new Parameter(Tensor.of(new double[] {1.0, -2.0, 3.0}, 3));
    SGD sgd = SGD.builder(0.01).momentum(0.9).build(List.of(p));
    LrScheduler scheduler = new LrScheduler(sgd, new OneCycleLR(0.5, steps));
    for (int t = 0; t < steps; t++) {
      if (t == saveAfter) {
        Map<String, Tensor> optimizerState = sgd.stateDict();
        Map<String, Tensor> schedulerState = scheduler.stateDict();
        p = new Parameter(Tensor.of(p.data().toArray(), 3));
        sgd = SGD.builder(0.01).momentum(0.9).build(List.of(p));
        scheduler = new LrScheduler(sgd, new OneCycleLR(0.5, steps));
        sgd.loadStateDict(optimizerState);
        scheduler.loadStateDict(schedulerState);
      }
      p.setGrad(p.data().map(x -> Math.sin(x) + 0.5));
      sgd.step();
      scheduler.step();
      out[t] = sgd.lr();
    }
    System.arraycopy(p.data().toArray(), 0, out, steps, 3);
    return out;
  }
}
