package org.grad4j.autograd.ops;

import static org.grad4j.autograd.ops.ReferenceCheck.assertMatches;

import java.util.List;
import org.grad4j.autograd.F;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code matmul} (2-D and batched with broadcasting) and {@code linear} forward and backward
 * against PyTorch's numbers in {@code /reference/} (written by {@code families_shapes.py}).
 */
class LinearAlgebraReferenceTest {
  static List<Case> matmul() {
    return ReferenceCases.load("/reference/matmul.txt");
  }

  static List<Case> linear() {
    return ReferenceCases.load("/reference/linear.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matmul")
  void matmulMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.matmul(xs[0], xs[1]), "a", "b");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("linear")
  void linearMatchesPyTorch(Case c) {
    if (c.intParam("bias") == 1) {
      assertMatches(c, xs -> F.linear(xs[0], xs[1], xs[2]), "x", "w", "b");
    } else {
      assertMatches(c, xs -> F.linear(xs[0], xs[1]), "x", "w");
    }
  }
}
