package org.grad4j.autograd.ops;

import static org.grad4j.autograd.TensorAssert.assertClose;

import org.grad4j.autograd.GradCheck;
import org.grad4j.autograd.ReferenceCases.Case;
import org.grad4j.autograd.Variable;

/**
 * Runs an op on a reference case's inputs and compares the output {@code y} and, after a backward
 * pass with the case's upstream gradient {@code gy}, each input's gradient {@code d<key>}.
 */
final class ReferenceCheck {
  private ReferenceCheck() {}

  /** The inputs are the case's tensors under {@code inputKeys}, in order, all requiring grad. */
  static void assertMatches(Case c, GradCheck.Fn op, String... inputKeys) {
    Variable[] xs = new Variable[inputKeys.length];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = new Variable(c.tensor(inputKeys[i]), true);
    }
    Variable y = op.apply(xs);
    assertClose(c.name(), "y", c.tensor("y"), y.data());
    y.backward(c.tensor("gy"));
    for (int i = 0; i < xs.length; i++) {
      String key = "d" + inputKeys[i];
      assertClose(c.name(), key, c.tensor(key), xs[i].grad() == null ? null : xs[i].grad().data());
    }
  }

  /** A rank-1 tensor of integral values, such as stored axes or class indices, as ints. */
  static int[] ints(Case c, String key) {
    double[] values = c.tensor(key).toArray();
    int[] out = new int[values.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) values[i];
    }
    return out;
  }
}
