package org.grad4j.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.grad4j.core.Tensor;

/** Gradients returned rather than accumulated, as PyTorch's {@code torch.autograd.grad}. */
public final class Autograd {
  private Autograd() {}

  /**
   * The gradients of the one-element {@code output} with respect to each of {@code inputs}. No
   * variable's {@code grad} is touched. An input that does not reach the output gets a gradient of
   * zeros. With {@link BackwardOption#CREATE_GRAPH} the gradients are themselves differentiable.
   */
  public static List<Variable> grad(
      Variable output, List<Variable> inputs, BackwardOption... options) {
    if (output.data().size() != 1) {
      throw new IllegalArgumentException(
          "grad: implicit seed gradient needs a one-element output, got shape " + output.shape());
    }
    Set<Variable> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
    wanted.addAll(inputs);
    Map<Variable, Variable> grads =
        Engine.run(output, Tensor.ones(output.shape()), List.of(options), wanted);
    List<Variable> result = new ArrayList<>(inputs.size());
    for (Variable x : inputs) {
      Variable g = grads.get(x);
      result.add(g != null ? g : new Variable(Tensor.zeros(x.shape())));
    }
    return result;
  }
}
