package org.grad4j.layers.optim;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.grad4j.layers.optim.RejectsBadOptions.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Learning-rate schedules against PyTorch's in {@code /reference/lr_schedule.txt}: the rate after
 * construction and after each of 30 steps. PyTorch steps with its recursive formulas, grad4j with
 * closed forms, hence a relative tolerance of 1e-12 rather than equality.
 */
class LrSchedulerTest implements RejectsBadOptions {
  private static final double RTOL = 1e-12;
  private static final double ATOL = 1e-18;

  static List<Case> cases() {
    return ReferenceCases.load("/reference/lr_schedule.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(Case c) {
    Tensor expected = c.tensor("lr");
    SGD sgd =
        SGD.builder(c.doubleParam("initial_lr")).build(List.of(new Parameter(Tensor.ones(1))));
    LrScheduler scheduler = new LrScheduler(sgd, schedule(c));
    double[] lrs = new double[expected.size()];
    lrs[0] = sgd.lr();
    for (int t = 1; t < lrs.length; t++) {
      scheduler.step();
      lrs[t] = sgd.lr();
      assertEquals(lrs[t], scheduler.lr(), 0.0);
    }
    assertEquals(lrs.length - 1, scheduler.stepCount());
    assertClose(c.name(), "lr", expected, Tensor.of(lrs, lrs.length), RTOL, ATOL);
  }

  /** The schedule named by the case's prefix; options the case does not store keep the defaults. */
  private static LrSchedule schedule(Case c) {
    String kind = c.name().substring(0, c.name().indexOf('_'));
    return switch (kind) {
      case "step" ->
          c.hasParam("gamma")
              ? new StepLR(c.intParam("step_size"), c.doubleParam("gamma"))
              : new StepLR(c.intParam("step_size"));
      case "multistep" -> {
        List<Integer> milestones = new ArrayList<>();
        for (double m : c.tensor("milestones").toArray()) {
          milestones.add((int) m);
        }
        yield new MultiStepLR(milestones, c.doubleParam("gamma"));
      }
      case "exponential" -> new ExponentialLR(c.doubleParam("gamma"));
      case "cosine" ->
          c.hasParam("eta_min")
              ? new CosineAnnealingLR(c.intParam("T_max"), c.doubleParam("eta_min"))
              : new CosineAnnealingLR(c.intParam("T_max"));
      case "linear" ->
          c.hasParam("start_factor")
              ? new LinearLR(
                  c.doubleParam("start_factor"),
                  c.doubleParam("end_factor"),
                  c.intParam("total_iters"))
              : new LinearLR();
      case "onecycle" -> oneCycle(c);
      default -> throw new IllegalArgumentException("case " + c.name() + ": unknown schedule");
    };
  }

  private static OneCycleLR oneCycle(Case c) {
    OneCycleLR defaults = new OneCycleLR(c.doubleParam("max_lr"), c.intParam("total_steps"));
    return new OneCycleLR(
        defaults.maxLr(),
        defaults.totalSteps(),
        c.hasParam("pct_start") ? c.doubleParam("pct_start") : defaults.pctStart(),
        c.hasParam("anneal_linear") && c.intParam("anneal_linear") == 1
            ? OneCycleLR.Anneal.LINEAR
            : defaults.anneal(),
        c.hasParam("div_factor") ? c.doubleParam("div_factor") : defaults.divFactor(),
        c.hasParam("final_div_factor")
            ? c.doubleParam("final_div_factor")
            : defaults.finalDivFactor(),
        c.hasParam("three_phase") ? c.intParam("three_phase") == 1 : defaults.threePhase());
  }

  static Stream<Arguments> badOptions() {
    return Stream.of(
        bad("StepLR: stepSize must be at least 1, got 0", () -> new StepLR(0)),
        bad("StepLR: gamma must be finite and > 0, got 0.0", () -> new StepLR(3, 0)),
        bad(
            "MultiStepLR: milestones must be >= 0, got [-1, 3]",
            () -> new MultiStepLR(List.of(3, -1))),
        bad(
            "ExponentialLR: gamma must be finite and > 0, got NaN",
            () -> new ExponentialLR(Double.NaN)),
        bad("CosineAnnealingLR: tMax must be at least 1, got 0", () -> new CosineAnnealingLR(0)),
        bad(
            "CosineAnnealingLR: etaMin must be finite and >= 0, got -1.0",
            () -> new CosineAnnealingLR(10, -1)),
        bad("LinearLR: startFactor must be in [0, 1], got 1.5", () -> new LinearLR(1.5, 1, 5)),
        bad("LinearLR: endFactor must be in [0, 1], got -0.1", () -> new LinearLR(0.5, -0.1, 5)),
        bad("LinearLR: totalIters must be at least 1, got 0", () -> new LinearLR(0.5, 1, 0)),
        bad("OneCycleLR: totalSteps must be at least 1, got 0", () -> new OneCycleLR(0.1, 0)),
        bad("OneCycleLR: maxLr must be finite and > 0, got -0.1", () -> new OneCycleLR(-0.1, 10)),
        bad(
            "OneCycleLR: pctStart must be in [0, 1], got 1.5",
            () -> new OneCycleLR(0.1, 10, 1.5, OneCycleLR.Anneal.COS, 25, 1e4, false)),
        bad(
            "OneCycleLR: divFactor must be finite and > 0, got 0.0",
            () -> new OneCycleLR(0.1, 10, 0.3, OneCycleLR.Anneal.COS, 0, 1e4, false)),
        bad("OneCycleLR: phase 1 would span", () -> new OneCycleLR(0.1, 3)),
        bad(
            "OneCycleLR: phase 2 would span",
            () -> new OneCycleLR(0.1, 10, 1.0, OneCycleLR.Anneal.COS, 25, 1e4, false)));
  }

  @Test
  void aOneCycleHoldsItsFinalRateAfterTheLastStepAndRejectsMoreSteps() {
    SGD sgd = SGD.builder(1.0).build(List.of(new Parameter(Tensor.ones(1))));
    OneCycleLR linear = new OneCycleLR(0.1, 4, 0.5, OneCycleLR.Anneal.LINEAR, 25, 1e4, false);
    LrScheduler scheduler = new LrScheduler(sgd, linear);
    for (int t = 0; t < 4; t++) {
      scheduler.step();
    }
    double last = sgd.lr();
    assertEquals(0.1 / 25 / 1e4, last, 1e-15);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, scheduler::step);
    assertTrue(
        e.getMessage().contains("OneCycleLR: step 5 is outside [0, totalSteps = 4]"),
        e.getMessage());
    assertEquals(last, sgd.lr(), 0.0);
    assertEquals(4, scheduler.stepCount());
  }

  @Test
  void aBadSchedulerStateIsRejectedAndChangesNothing() {
    SGD sgd = SGD.builder(0.1).build(List.of(new Parameter(Tensor.ones(1))));
    LrScheduler scheduler = new LrScheduler(sgd, new StepLR(2, 0.5));
    scheduler.step();
    scheduler.step();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                scheduler.loadStateDict(
                    Map.of("initial_lr", Tensor.scalar(1.0), "last_epoch", Tensor.scalar(2.5))));
    assertTrue(e.getMessage().contains("'last_epoch' holds 2.5"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> scheduler.loadStateDict(Map.of("initial_lr", Tensor.scalar(1.0))));
    assertTrue(e.getMessage().contains("expected keys [initial_lr, last_epoch]"), e.getMessage());
    assertEquals(0.05, sgd.lr(), 0.0);
    assertEquals(2, scheduler.stepCount());
  }
}
