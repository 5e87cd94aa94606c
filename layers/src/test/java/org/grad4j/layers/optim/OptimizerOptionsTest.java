package org.grad4j.layers.optim;

import static org.grad4j.layers.optim.RejectsBadOptions.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

/** Option validation of the optimizers: the message names the optimizer and the bad value. */
class OptimizerOptionsTest implements RejectsBadOptions {
  private static final List<Parameter> PARAMS = List.of(new Parameter(Tensor.ones(2)));

  static Stream<Arguments> badOptions() {
    return Stream.of(
        bad("SGD: lr must be finite and >= 0, got -1.0", () -> SGD.builder(-1).build(PARAMS)),
        bad(
            "SGD: momentum must be finite and >= 0, got -0.1",
            () -> SGD.builder(0.1).momentum(-0.1).build(PARAMS)),
        bad(
            "SGD: dampening must be finite, got Infinity",
            () -> SGD.builder(0.1).dampening(Double.POSITIVE_INFINITY).build(PARAMS)),
        bad(
            "SGD: weightDecay must be finite and >= 0, got NaN",
            () -> SGD.builder(0.1).weightDecay(Double.NaN).build(PARAMS)),
        bad(
            "SGD: Nesterov momentum requires momentum > 0 and dampening 0, got momentum 0.0",
            () -> SGD.builder(0.1).nesterov(true).build(PARAMS)),
        bad(
            "dampening 0.1",
            () -> SGD.builder(0.1).momentum(0.9).dampening(0.1).nesterov(true).build(PARAMS)),
        bad(
            "Adam: lr must be finite and >= 0, got NaN",
            () -> Adam.builder().lr(Double.NaN).build(PARAMS)),
        bad(
            "Adam: beta1 must be in [0, 1), got 1.0",
            () -> Adam.builder().betas(1.0, 0.999).build(PARAMS)),
        bad(
            "Adam: beta2 must be in [0, 1), got -0.1",
            () -> Adam.builder().betas(0.9, -0.1).build(PARAMS)),
        bad(
            "Adam: eps must be finite and >= 0, got -1.0E-8",
            () -> Adam.builder().eps(-1e-8).build(PARAMS)),
        bad(
            "AdamW: weightDecay must be finite and >= 0, got -0.01",
            () -> AdamW.builder().weightDecay(-0.01).build(PARAMS)),
        bad(
            "AdamW: beta1 must be in [0, 1), got NaN",
            () -> AdamW.builder().betas(Double.NaN, 0.9).build(PARAMS)),
        bad(
            "RMSprop: alpha must be finite and >= 0, got -0.5",
            () -> RMSprop.builder().alpha(-0.5).build(PARAMS)),
        bad(
            "RMSprop: eps must be finite and >= 0, got -1.0",
            () -> RMSprop.builder().eps(-1).build(PARAMS)),
        bad(
            "RMSprop: momentum must be finite and >= 0, got -0.9",
            () -> RMSprop.builder().momentum(-0.9).build(PARAMS)),
        bad(
            "RMSprop: weightDecay must be finite and >= 0, got Infinity",
            () -> RMSprop.builder().weightDecay(Double.POSITIVE_INFINITY).build(PARAMS)),
        bad("SGD: got an empty parameter list", () -> SGD.builder(0.1).build(List.of())),
        bad(
            "Adam: parameter 1 appears twice in the list",
            () -> Adam.builder().build(List.of(PARAMS.get(0), PARAMS.get(0)))),
        bad(
            "RMSprop: learning rate must be finite and >= 0, got -0.5",
            () -> RMSprop.builder().build(PARAMS).setLr(-0.5)));
  }

  @Test
  void defaultsAreTorchs() {
    assertEquals(1e-3, Adam.builder().build(PARAMS).lr(), 0.0);
    assertEquals(1e-3, AdamW.builder().build(PARAMS).lr(), 0.0);
    assertEquals(1e-2, RMSprop.builder().build(PARAMS).lr(), 0.0);
  }

  @Test
  void stepSkipsParametersWithoutGradientAndZeroGradForgetsThem() {
    Parameter a = new Parameter(Tensor.ones(2));
    Parameter b = new Parameter(Tensor.ones(3));
    SGD sgd = SGD.builder(0.5).build(List.of(a, b));
    a.setGrad(Tensor.full(2.0, 2));
    Tensor grad = a.grad().data();
    sgd.step();
    assertEquals(0.0, a.data().get(0), 0.0);
    assertEquals(1.0, b.data().get(0), 0.0);
    assertEquals(2.0, grad.get(1), 0.0, "the gradient itself is not modified");
    sgd.zeroGrad();
    assertEquals(null, a.grad());
    assertEquals(List.of(a, b), sgd.parameters());
  }
}
