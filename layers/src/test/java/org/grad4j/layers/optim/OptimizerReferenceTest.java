package org.grad4j.layers.optim;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.function.DoubleConsumer;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.layers.Parameter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Optimizer trajectories against PyTorch's in {@code /reference/optim.txt} (written by {@code
 * make_optim_reference.py} beside it): two parameters, four steps of given gradients.
 */
class OptimizerReferenceTest {
  static final int STEPS = 4;

  static List<Case> cases() {
    return ReferenceCases.load("/reference/optim.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(Case c) {
    List<Parameter> params = startParameters(c);
    Optimizer optimizer = build(c, params);
    for (int t = 1; t <= STEPS; t++) {
      setGradients(c, params, t);
      optimizer.step();
      for (int i = 0; i < params.size(); i++) {
        String key = "p" + i + "_" + t;
        assertClose(c.name(), key, c.tensor(key), params.get(i).data());
      }
    }
    assertFalse(c.hasTensor("p0_" + (STEPS + 1)), "the case has more steps than tested");
  }

  /** The case's two parameters at their start values. */
  static List<Parameter> startParameters(Case c) {
    return List.of(new Parameter(c.tensor("p0")), new Parameter(c.tensor("p1")));
  }

  /** Sets the gradients of step {@code t} (1-based); a gradient the case lacks is null. */
  static void setGradients(Case c, List<Parameter> params, int t) {
    for (int i = 0; i < params.size(); i++) {
      String key = "g" + i + "_" + t;
      params.get(i).setGrad(c.hasTensor(key) ? c.tensor(key) : null);
    }
  }

  /**
   * The optimizer named by the case's prefix with the options stored as params; options the case
   * does not store keep grad4j's defaults, which must be PyTorch's.
   */
  static Optimizer build(Case c, List<Parameter> params) {
    String kind = c.name().substring(0, c.name().indexOf('_'));
    return switch (kind) {
      case "sgd" -> {
        SGD.Builder b = SGD.builder(c.doubleParam("lr"));
        ifPresent(c, "momentum", b::momentum);
        ifPresent(c, "dampening", b::dampening);
        ifPresent(c, "weight_decay", b::weightDecay);
        ifPresent(c, "nesterov", v -> b.nesterov(v == 1));
        yield b.build(params);
      }
      case "adam" -> adamOptions(c, Adam.builder()).build(params);
      case "adamw" -> adamOptions(c, AdamW.builder()).build(params);
      case "rmsprop" -> {
        RMSprop.Builder b = RMSprop.builder();
        ifPresent(c, "lr", b::lr);
        ifPresent(c, "alpha", b::alpha);
        ifPresent(c, "eps", b::eps);
        ifPresent(c, "weight_decay", b::weightDecay);
        ifPresent(c, "momentum", b::momentum);
        ifPresent(c, "centered", v -> b.centered(v == 1));
        yield b.build(params);
      }
      default -> throw new IllegalArgumentException("case " + c.name() + ": unknown optimizer");
    };
  }

  private static <T extends Optimizer> Adam.Builder<T> adamOptions(Case c, Adam.Builder<T> b) {
    ifPresent(c, "lr", b::lr);
    ifPresent(c, "beta1", beta1 -> b.betas(beta1, c.doubleParam("beta2")));
    ifPresent(c, "eps", b::eps);
    ifPresent(c, "weight_decay", b::weightDecay);
    ifPresent(c, "amsgrad", v -> b.amsgrad(v == 1));
    return b;
  }

  private static void ifPresent(Case c, String key, DoubleConsumer option) {
    if (c.hasParam(key)) {
      option.accept(c.doubleParam(key));
    }
  }
}
