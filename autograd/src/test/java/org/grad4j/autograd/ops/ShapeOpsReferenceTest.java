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
 * Shape ops forward and backward against PyTorch's numbers in {@code /reference/} (written by
 * {@code families_shapes.py}).
 */
class ShapeOpsReferenceTest {
  static List<Case> flatten() {
    return ReferenceCases.load("/reference/flatten.txt");
  }

  static List<Case> transpose() {
    return ReferenceCases.load("/reference/transpose.txt");
  }

  static List<Case> squeeze() {
    return ReferenceCases.load("/reference/squeeze.txt");
  }

  static List<Case> unsqueeze() {
    return ReferenceCases.load("/reference/unsqueeze.txt");
  }

  static List<Case> concat() {
    return ReferenceCases.load("/reference/concat.txt");
  }

  static List<Case> stack() {
    return ReferenceCases.load("/reference/stack.txt");
  }

  static List<Case> slice() {
    return ReferenceCases.load("/reference/slice.txt");
  }

  static List<Case> gather() {
    return ReferenceCases.load("/reference/gather.txt");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flatten")
  void flattenMatchesPyTorch(Case c) {
    int start = c.intParam("start");
    int end = c.intParam("end");
    boolean nnFlatten = start == 1 && end == -1;
    assertMatches(c, xs -> nnFlatten ? F.flatten(xs[0]) : F.flatten(xs[0], start, end), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transpose")
  void transposeMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.transpose(xs[0], c.intParam("axis0"), c.intParam("axis1")), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("squeeze")
  void squeezeMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.squeeze(xs[0], c.intParam("axis")), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsqueeze")
  void unsqueezeMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.unsqueeze(xs[0], c.intParam("axis")), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("concat")
  void concatMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.concat(c.intParam("axis"), xs), keys(c.intParam("n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stack")
  void stackMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.stack(c.intParam("axis"), xs), keys(c.intParam("n")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("slice")
  void sliceMatchesPyTorch(Case c) {
    assertMatches(
        c, xs -> F.slice(xs[0], c.intParam("axis"), c.intParam("start"), c.intParam("end")), "x");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("gather")
  void gatherMatchesPyTorch(Case c) {
    assertMatches(c, xs -> F.gather(xs[0], ints(c, "index")), "x");
  }

  private static String[] keys(int n) {
    String[] keys = new String[n];
    for (int i = 0; i < n; i++) {
      keys[i] = "x" + i;
    }
    return keys;
  }
}
