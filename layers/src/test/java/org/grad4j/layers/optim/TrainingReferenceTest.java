package org.grad4j.layers.optim;

import static org.grad4j.autograd.TensorAssert.assertClose;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.grad4j.autograd.F;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.layers.Parameter;
import org.grad4j.layers.Sequential;
import org.grad4j.layers.TinyCnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Training a tiny CNN end to end against PyTorch, from {@code /reference/training.txt} (written by
 * {@code make_optim_reference.py} beside it): the loss, every parameter's gradient and every
 * parameter after each of three full-batch steps of a fresh model.
 */
class TrainingReferenceTest {
  static final int STEPS = 3;

  static List<Case> cases() {
    return ReferenceCases.load("/reference/training.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesPyTorch(Case c) {
    Sequential model = TinyCnn.create(2, 6, 3, new Rng(0));
    model.stateDict().forEach((name, t) -> t.copyFromInPlace(c.tensor(name)));
    Map<String, Parameter> params = model.namedParameters();
    Optimizer optimizer = OptimizerReferenceTest.build(c, model.parameters());
    Variable x = new Variable(c.tensor("x"));
    int[] labels = Arrays.stream(c.tensor("labels").toArray()).mapToInt(v -> (int) v).toArray();

    for (int t = 1; t <= STEPS; t++) {
      optimizer.zeroGrad();
      Variable loss = F.crossEntropy(model.forward(x), labels);
      loss.backward();
      assertClose(c.name(), "loss_" + t, c.tensor("loss_" + t), loss.data());
      for (Map.Entry<String, Parameter> p : params.entrySet()) {
        String key = p.getKey() + ".grad_" + t;
        assertClose(c.name(), key, c.tensor(key), p.getValue().grad().data());
      }
      optimizer.step();
      for (Map.Entry<String, Parameter> p : params.entrySet()) {
        String key = p.getKey() + "_" + t;
        assertClose(c.name(), key, c.tensor(key), p.getValue().data());
      }
    }
    assertFalse(c.hasTensor("loss_" + (STEPS + 1)), "the case has more steps than tested");
  }
}
