package org.grad4j.autograd.ops;

import static org.grad4j.autograd.ops.ReferenceCheck.assertMatches;
import static org.grad4j.autograd.ops.ReferenceCheck.ints;

import java.util.List;
import org.grad4j.autograd.F;
import org.grad4j.autograd.ReferenceCases;
import org.grad4j.autograd.ReferenceCases.Case;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code max}, {@code min} (PyTorch's amax/amin) and {@code logsumexp} forward and backward against
 * PyTorch's numbers in {@code /reference/} (written by {@code families_shapes.py}).
 */
class ReductionReferenceTest {
  static List<Case> amax() {
    return ReferenceCases.load("/reference/amax.txt");
  }

  static List<Case> amin() {
    return ReferenceCases.load("/reference/amin.txt");
  }

  static List<Case> logsumexp() {
    return ReferenceCases.load("/reference/logsumexp.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("amax")
  void maxMatchesAmax(Case c) {
    boolean keepDim = c.intParam("keepdim") == 1;
    assertMatches(c, xs -> F.max(xs[0], keepDim, ints(c, "axes")), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("amin")
  void minMatchesAmin(Case c) {
    boolean keepDim = c.intParam("keepdim") == 1;
    assertMatches(c, xs -> F.min(xs[0], keepDim, ints(c, "axes")), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logsumexp")
  void logsumexpMatchesPyTorch(Case c) {
    boolean keepDim = c.intParam("keepdim") == 1;
    assertMatches(c, xs -> F.logsumexp(xs[0], c.intParam("axis"), keepDim), "x");
  }
}
