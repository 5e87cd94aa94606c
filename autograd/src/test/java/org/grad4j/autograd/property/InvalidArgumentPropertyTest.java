package org.grad4j.autograd.property;

import static org.grad4j.core.CoreAssertions.assertRejected;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Reduction;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.core.property.GeometryCases.Case;
import org.grad4j.core.property.GeometryCases.ConvCases;
import org.grad4j.core.property.GeometryCases.OversizedConvCases;
import org.grad4j.core.property.GeometryCases.OversizedPoolCases;
import org.grad4j.core.property.GeometryCases.PoolCases;

/**
 * Every op rejects invalid input with an {@link IllegalArgumentException} whose message names the
 * op, never with another exception from deep inside (an index out of bounds, a null pointer, an
 * arithmetic error).
 */
class InvalidArgumentPropertyTest {

  // ---------------------------------------------------------------- helpers

  private static Arbitrary<Integer> ints(int min, int max) {
    return Arbitraries.integers().between(min, max);
  }

  /** Dimensions 1–4, rank {@code minRank} to {@code maxRank}. */
  private static Arbitrary<int[]> dims(int minRank, int maxRank) {
    return ints(1, 4).array(int[].class).ofMinSize(minRank).ofMaxSize(maxRank);
  }

  /** A variable of zeros that requires grad, so that ops also take their recording path. */
  private static Variable var(int... dims) {
    return new Variable(Tensor.zeros(dims), true);
  }

  private static String text(int[] dims) {
    return dims == null ? "null" : Shape.of(dims).toString();
  }

  /** The dimension of {@code dims} at {@code i} counted from the right, 1 beyond its rank. */
  private static int fromRight(int[] dims, int i) {
    return i < dims.length ? dims[dims.length - 1 - i] : 1;
  }

  /** Whether two shapes broadcast together, by NumPy's rules. */
  private static boolean broadcastable(int[] a, int[] b) {
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int da = fromRight(a, i);
      int db = fromRight(b, i);
      if (da != db && da != 1 && db != 1) {
        return false;
      }
    }
    return true;
  }

  /** Two shapes, for the binary ops. */
  record ShapePair(int[] a, int[] b) {
    @Override
    public String toString() {
      return text(a) + " and " + text(b);
    }
  }

  // ---------------------------------------------------------------- elementwise, matmul, linear

  /** The broadcasting binary ops, by the name their messages use. */
  enum Binary {
    ADD("add"),
    SUB("sub"),
    MUL("mul"),
    DIV("div"),
    MAXIMUM("maximum"),
    MINIMUM("minimum");

    final String op;

    Binary(String op) {
      this.op = op;
    }

    Variable apply(Variable a, Variable b) {
      return switch (this) {
        case ADD -> F.add(a, b);
        case SUB -> F.sub(a, b);
        case MUL -> F.mul(a, b);
        case DIV -> F.div(a, b);
        case MAXIMUM -> F.maximum(a, b);
        case MINIMUM -> F.minimum(a, b);
      };
    }
  }

  @Provide
  Arbitrary<ShapePair> pairsThatDoNotBroadcast() {
    return Combinators.combine(dims(0, 4), dims(0, 4))
        .as(ShapePair::new)
        .filter(p -> !broadcastable(p.a(), p.b()));
  }

  @Property(tries = 300)
  void elementwiseOpsRejectShapesThatDoNotBroadcast(
      @ForAll Binary op, @ForAll("pairsThatDoNotBroadcast") ShapePair p) {
    assertRejected(op.op, p, () -> op.apply(var(p.a()), var(p.b())));
  }

  /** Whether {@code a @ b} is defined: ranks at least 2, inner sizes equal, batches broadcast. */
  private static boolean matmulFits(int[] a, int[] b) {
    return a.length >= 2
        && b.length >= 2
        && a[a.length - 1] == b[b.length - 2]
        && broadcastable(Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
  }

  @Provide
  Arbitrary<ShapePair> pairsThatDoNotMultiply() {
    return Combinators.combine(dims(0, 4), dims(0, 4))
        .as(ShapePair::new)
        .filter(p -> !matmulFits(p.a(), p.b()));
  }

  @Property(tries = 300)
  void matmulRejectsShapesThatDoNotMultiply(@ForAll("pairsThatDoNotMultiply") ShapePair p) {
    assertRejected("matmul", p, () -> F.matmul(var(p.a()), var(p.b())));
  }

  /** An input, a weight and an optional bias for linear. */
  record LinearCase(int[] x, int[] w, int[] b) {
    boolean fits() {
      return w.length == 2
          && x.length >= 1
          && x[x.length - 1] == w[1]
          && (b == null || (b.length == 1 && b[0] == w[0]));
    }

    @Override
    public String toString() {
      return "x " + text(x) + ", w " + text(w) + ", b " + text(b);
    }
  }

  @Provide
  Arbitrary<LinearCase> linearMisfits() {
    return Combinators.combine(dims(0, 3), dims(0, 3), dims(0, 2).injectNull(0.3))
        .as(LinearCase::new)
        .filter(c -> !c.fits());
  }

  @Property(tries = 300)
  void linearRejectsShapesThatDoNotFit(@ForAll("linearMisfits") LinearCase c) {
    Variable b = c.b() == null ? null : var(c.b());
    assertRejected("linear", c, () -> F.linear(var(c.x()), var(c.w()), b));
  }

  // ---------------------------------------------------------------- concat, stack

  /** Tensors to join along an axis. */
  record JoinCase(int axis, List<int[]> shapes) {
    /** Whether torch.cat would accept it. */
    boolean concatFits() {
      if (shapes.isEmpty()) {
        return false;
      }
      int[] first = shapes.get(0);
      int rank = first.length;
      if (rank == 0 || axis < -rank || axis >= rank) {
        return false;
      }
      int a = axis < 0 ? axis + rank : axis;
      for (int[] s : shapes) {
        if (s.length != rank) {
          return false;
        }
        for (int i = 0; i < rank; i++) {
          if (i != a && s[i] != first[i]) {
            return false;
          }
        }
      }
      return true;
    }

    /** Whether torch.stack would accept it. */
    boolean stackFits() {
      if (shapes.isEmpty()) {
        return false;
      }
      int[] first = shapes.get(0);
      int rank = first.length;
      return axis >= -(rank + 1)
          && axis <= rank
          && shapes.stream().allMatch(s -> Arrays.equals(s, first));
    }

    Variable[] variables() {
      return shapes.stream().map(InvalidArgumentPropertyTest::var).toArray(Variable[]::new);
    }

    @Override
    public String toString() {
      return "axis " + axis + " of " + shapes.stream().map(s -> text(s)).toList();
    }
  }

  /**
   * Up to 3 random shapes and an axis, or near misses: 2–3 copies of one shape that differ only
   * along the axis, but for the last one, which is off by one elsewhere or has an extra axis.
   */
  @Provide
  Arbitrary<JoinCase> joins() {
    Arbitrary<JoinCase> random =
        Combinators.combine(ints(-4, 3), dims(0, 3).list().ofMaxSize(3)).as(JoinCase::new);
    Arbitrary<JoinCase> nearMiss =
        dims(1, 3)
            .flatMap(
                base ->
                    Combinators.combine(
                            ints(0, base.length - 1),
                            ints(1, 4).list().ofMinSize(2).ofMaxSize(3),
                            ints(0, base.length - 1),
                            Arbitraries.of(-1, 1, 0))
                        .as(
                            (axis, sizes, other, change) ->
                                nearMiss(base, axis, sizes, other, change)));
    return Arbitraries.oneOf(List.of(random, nearMiss));
  }

  /**
   * Copies of {@code base} with {@code sizes} along {@code axis}; the last copy then has {@code
   * change} added at axis {@code other} (at least 1), or an extra trailing axis if {@code change}
   * is 0.
   */
  private static JoinCase nearMiss(
      int[] base, int axis, List<Integer> sizes, int other, int change) {
    List<int[]> shapes = new ArrayList<>();
    for (int size : sizes) {
      int[] s = base.clone();
      s[axis] = size;
      shapes.add(s);
    }
    int[] last = shapes.get(shapes.size() - 1);
    if (change == 0) {
      last = Arrays.copyOf(last, last.length + 1);
      last[last.length - 1] = 2;
    } else {
      last[other] = Math.max(1, last[other] + change);
    }
    shapes.set(shapes.size() - 1, last);
    return new JoinCase(axis, shapes);
  }

  @Property(tries = 300)
  void concatRejectsShapesThatDoNotJoin(@ForAll("joins") JoinCase c) {
    Assume.that(!c.concatFits() || !c.stackFits());
    if (!c.concatFits()) {
      assertRejected("concat", c, () -> F.concat(c.axis(), c.variables()));
    }
    if (!c.stackFits()) {
      assertRejected("stack", c, () -> F.stack(c.axis(), c.variables()));
    }
  }

  // ---------------------------------------------------------------- convolution and pooling

  private static Variable weightFor(Case c, int outChannels) {
    ConvGeometry g = c.geometry();
    return var(outChannels, c.channels(), g.kernelH(), g.kernelW());
  }

  @Property(tries = 200)
  void conv2dRejectsKernelsLargerThanThePaddedInput(
      @ForAll(supplier = OversizedConvCases.class) Case c) {
    Variable x = var(c.input().dims());
    assertRejected("conv2d", c, () -> F.conv2d(x, weightFor(c, 2), c.geometry()));
  }

  @Property(tries = 200)
  void poolingRejectsKernelsLargerThanThePaddedInput(
      @ForAll(supplier = OversizedPoolCases.class) Case c, @ForAll boolean countIncludePad) {
    Variable x = var(c.input().dims());
    assertRejected("maxPool2d", c, () -> F.maxPool2d(x, c.geometry()));
    assertRejected("avgPool2d", c, () -> F.avgPool2d(x, c.geometry(), countIncludePad));
  }

  @Property(tries = 200)
  void poolingRejectsDilationAndPaddingOverHalfTheKernel(
      @ForAll(supplier = ConvCases.class) Case c) {
    ConvGeometry g = c.geometry();
    boolean supported =
        g.dilationH() == 1
            && g.dilationW() == 1
            && 2 * g.padH() <= g.kernelH()
            && 2 * g.padW() <= g.kernelW();
    Assume.that(!supported);
    Variable x = var(c.input().dims());
    assertRejected("maxPool2d", c, () -> F.maxPool2d(x, g));
    assertRejected("avgPool2d", c, () -> F.avgPool2d(x, g, true));
  }

  @Property(tries = 50)
  void maxPoolingRejectsANonPositiveKernel(
      @ForAll @IntRange(min = -3, max = 0) int kernel, @ForAll(supplier = PoolCases.class) Case c) {
    assertRejected("maxPool2d", kernel, () -> F.maxPool2d(var(c.input().dims()), kernel));
  }

  @Provide
  Arbitrary<int[]> notRank4() {
    return dims(0, 5).filter(d -> d.length != 4);
  }

  @Property(tries = 200)
  void convolutionAndPoolingRejectRanksOtherThan4(
      @ForAll("notRank4") int[] wrong, @ForAll(supplier = PoolCases.class) Case c) {
    ConvGeometry g = c.geometry();
    Variable x = var(c.input().dims());
    Variable bad = var(wrong);
    String what = text(wrong) + " with " + c;
    assertRejected("conv2d", what, () -> F.conv2d(bad, weightFor(c, 2), g));
    assertRejected("conv2d", what, () -> F.conv2d(x, bad, g));
    assertRejected("maxPool2d", what, () -> F.maxPool2d(bad, g));
    assertRejected("avgPool2d", what, () -> F.avgPool2d(bad, g, false));
    assertRejected("globalAvgPool2d", what, () -> F.globalAvgPool2d(bad));
  }

  /** What is wrong with a convolution's weight or bias. */
  enum ConvDefect {
    CHANNELS,
    KERNEL_HEIGHT,
    KERNEL_WIDTH,
    BIAS_SIZE,
    BIAS_RANK
  }

  @Property(tries = 200)
  void conv2dRejectsWeightsAndBiasesThatDoNotFit(
      @ForAll(supplier = ConvCases.class) Case c,
      @ForAll ConvDefect defect,
      @ForAll @IntRange(min = 1, max = 3) int outChannels,
      @ForAll @IntRange(min = 1, max = 2) int offBy) {
    ConvGeometry g = c.geometry();
    int[] w = {outChannels, c.channels(), g.kernelH(), g.kernelW()};
    int[] b = {outChannels};
    switch (defect) {
      case CHANNELS -> w[1] += offBy;
      case KERNEL_HEIGHT -> w[2] += offBy;
      case KERNEL_WIDTH -> w[3] += offBy;
      case BIAS_SIZE -> b[0] += offBy;
      case BIAS_RANK -> b = new int[] {1, outChannels};
    }
    int[] bias = b;
    String what = defect + ": weight " + text(w) + ", bias " + text(b) + ", " + c;
    assertRejected("conv2d", what, () -> F.conv2d(var(c.input().dims()), var(w), var(bias), g));
  }

  // ---------------------------------------------------------------- labels

  /** Scores and labels for the classification losses and gather. */
  record LabelCase(int[] scores, int[] labels) {
    @Override
    public String toString() {
      return "scores " + text(scores) + ", labels " + Arrays.toString(labels);
    }
  }

  /** Labels out of [0, C), a label count other than N, or scores that are not a matrix. */
  @Provide
  Arbitrary<LabelCase> badLabels() {
    Arbitrary<LabelCase> outOfRange =
        Combinators.combine(ints(1, 4), ints(1, 4))
            .flatAs(
                (n, classes) ->
                    Combinators.combine(
                            ints(0, classes - 1).array(int[].class).ofSize(n),
                            ints(0, n - 1),
                            ints(1, 3),
                            Arbitraries.of(true, false))
                        .as(
                            (labels, at, by, below) -> {
                              int[] l = labels.clone();
                              l[at] = below ? -by : classes - 1 + by;
                              return new LabelCase(new int[] {n, classes}, l);
                            }));
    Arbitrary<LabelCase> wrongCount =
        Combinators.combine(ints(1, 4), ints(1, 4))
            .flatAs(
                (n, classes) ->
                    ints(0, classes - 1)
                        .array(int[].class)
                        .ofMaxSize(6)
                        .filter(l -> l.length != n)
                        .map(l -> new LabelCase(new int[] {n, classes}, l)));
    Arbitrary<LabelCase> notAMatrix =
        Combinators.combine(
                dims(0, 4).filter(d -> d.length != 2), ints(0, 3).array(int[].class).ofMaxSize(4))
            .as(LabelCase::new);
    return Arbitraries.oneOf(List.of(outOfRange, wrongCount, notAMatrix));
  }

  @Property(tries = 300)
  void lossesAndGatherRejectBadLabels(@ForAll("badLabels") LabelCase c) {
    int[] labels = c.labels();
    assertRejected("crossEntropy", c, () -> F.crossEntropy(var(c.scores()), labels));
    assertRejected(
        "crossEntropy", c, () -> F.crossEntropy(var(c.scores()), labels, Reduction.SUM, 0.1));
    assertRejected("nll", c, () -> F.nll(var(c.scores()), labels));
    assertRejected("gather", c, () -> F.gather(var(c.scores()), labels));
  }

  /** Label smoothing below 0, above 1, or NaN. */
  @Provide
  Arbitrary<Double> badSmoothing() {
    return Arbitraries.oneOf(
        List.of(
            Arbitraries.doubles().between(-2, 3).filter(v -> v < 0 || v > 1),
            Arbitraries.just(Double.NaN)));
  }

  @Property(tries = 50)
  void crossEntropyRejectsLabelSmoothingOutsideTheUnitInterval(
      @ForAll("badSmoothing") double smoothing) {
    assertRejected(
        "crossEntropy",
        smoothing,
        () -> F.crossEntropy(var(2, 3), new int[] {0, 2}, Reduction.MEAN, smoothing));
  }

  // ---------------------------------------------------------------- axes

  /** The ops that take an axis, by the name their messages use. */
  enum AxisOp {
    SUM("sum"),
    MEAN("mean"),
    MAX("max"),
    MIN("min"),
    SOFTMAX("softmax"),
    LOG_SOFTMAX("logSoftmax"),
    LOGSUMEXP("logsumexp"),
    ARGMAX("argmax"),
    SQUEEZE("squeeze"),
    UNSQUEEZE("unsqueeze"),
    SLICE("slice"),
    TRANSPOSE("transpose"),
    FLATTEN("flatten"),
    CONCAT("concat"),
    STACK("stack");

    final String op;

    AxisOp(String op) {
      this.op = op;
    }

    /** Whether the op inserts a new axis, so that {@code rank} itself is a valid axis. */
    boolean inserts() {
      return this == UNSQUEEZE || this == STACK;
    }

    void apply(Variable x, int axis) {
      switch (this) {
        case SUM -> F.sum(x, false, axis);
        case MEAN -> F.mean(x, true, axis);
        case MAX -> F.max(x, false, axis);
        case MIN -> F.min(x, true, axis);
        case SOFTMAX -> F.softmax(x, axis);
        case LOG_SOFTMAX -> F.logSoftmax(x, axis);
        case LOGSUMEXP -> F.logsumexp(x, axis, false);
        case ARGMAX -> F.argmax(x, axis);
        case SQUEEZE -> F.squeeze(x, axis);
        case UNSQUEEZE -> F.unsqueeze(x, axis);
        case SLICE -> F.slice(x, axis, 0, 1);
        case TRANSPOSE -> F.transpose(x, axis, -1);
        case FLATTEN -> F.flatten(x, axis, axis);
        case CONCAT -> F.concat(axis, x, x);
        case STACK -> F.stack(axis, x, x);
      }
    }
  }

  @Property(tries = 500)
  void axisOpsRejectAxesOutOfRange(
      @ForAll AxisOp op,
      @ForAll("shapes") int[] dims,
      @ForAll @IntRange(min = 0, max = 2) int beyond,
      @ForAll boolean negative) {
    int rank = dims.length + (op.inserts() ? 1 : 0);
    int axis = negative ? -rank - 1 - beyond : rank + beyond;
    assertRejected(op.op, "axis " + axis + " of " + text(dims), () -> op.apply(var(dims), axis));
  }

  @Provide
  Arbitrary<int[]> shapes() {
    return dims(0, 4);
  }

  @Provide
  Arbitrary<int[]> nonScalarShapes() {
    return dims(1, 4);
  }

  /** The reductions, given the same axis twice (once counted from the end). */
  @Property(tries = 200)
  void reductionsRejectARepeatedAxis(
      @ForAll("nonScalarShapes") int[] dims,
      @ForAll @IntRange(min = 0, max = 3) int at,
      @ForAll @IntRange(min = 0, max = 3) int kind) {
    int axis = at % dims.length;
    int[] axes = {axis, axis - dims.length};
    String what = "axes " + Arrays.toString(axes) + " of " + text(dims);
    Variable x = var(dims);
    switch (kind) {
      case 0 -> assertRejected("sum", what, () -> F.sum(x, false, axes));
      case 1 -> assertRejected("mean", what, () -> F.mean(x, false, axes));
      case 2 -> assertRejected("max", what, () -> F.max(x, false, axes));
      default -> assertRejected("min", what, () -> F.min(x, false, axes));
    }
  }

  @Property(tries = 200)
  void squeezeRejectsAnAxisOfSizeOtherThan1(
      @ForAll("nonScalarShapes") int[] dims, @ForAll @IntRange(min = 0, max = 3) int at) {
    int[] d = dims.clone();
    int axis = at % d.length;
    d[axis] = Math.max(2, d[axis]);
    assertRejected("squeeze", "axis " + axis + " of " + text(d), () -> F.squeeze(var(d), axis));
  }

  @Property(tries = 200)
  void sliceRejectsRangesOutsideTheAxis(
      @ForAll("nonScalarShapes") int[] dims,
      @ForAll @IntRange(min = 0, max = 3) int at,
      @ForAll @IntRange(min = -2, max = 6) int start,
      @ForAll @IntRange(min = -2, max = 6) int end) {
    int axis = at % dims.length;
    Assume.that(start < 0 || start > end || end > dims[axis]);
    assertRejected(
        "slice",
        "[" + start + ", " + end + ") along axis " + axis + " of " + text(dims),
        () -> F.slice(var(dims), axis, start, end));
  }

  /** A shape of rank 2–4 and two of its axes, {@code [start, end]}, with start after end. */
  record FlattenCase(int[] dims, int start, int end) {
    @Override
    public String toString() {
      return "axes " + start + " to " + end + " of " + text(dims);
    }
  }

  @Provide
  Arbitrary<FlattenCase> reversedAxes() {
    return dims(2, 4)
        .flatMap(
            d ->
                ints(1, d.length - 1)
                    .flatMap(
                        start ->
                            Combinators.combine(ints(0, start - 1), Arbitraries.of(true, false))
                                .as((end, negative) -> flattenCase(d, start, end, negative))));
  }

  /** The case with {@code end} counted from the back when {@code negative}. */
  private static FlattenCase flattenCase(int[] dims, int start, int end, boolean negative) {
    return new FlattenCase(dims, start, negative ? end - dims.length : end);
  }

  @Property(tries = 100)
  void flattenRejectsAStartAxisAfterTheEndAxis(@ForAll("reversedAxes") FlattenCase c) {
    assertRejected("flatten", c, () -> F.flatten(var(c.dims()), c.start(), c.end()));
  }

  @Property(tries = 100)
  void transposeOfAMatrixRejectsOtherRanks(@ForAll("shapes") int[] dims) {
    Assume.that(dims.length != 2);
    assertRejected("transpose", text(dims), () -> F.transpose(var(dims)));
  }

  // ---------------------------------------------------------------- reshape, permute, broadcast

  @Property(tries = 200)
  void reshapeRejectsADifferentNumberOfElements(
      @ForAll("shapes") int[] from, @ForAll("shapes") int[] to) {
    Assume.that(Shape.of(from).size() != Shape.of(to).size());
    assertRejected("reshape", text(from) + " to " + text(to), () -> F.reshape(var(from), to));
  }

  @Property(tries = 200)
  void permuteRejectsOrdersThatAreNotPermutations(
      @ForAll("shapes") int[] dims, @ForAll("orders") int[] order) {
    int rank = dims.length;
    boolean permutation = order.length == rank;
    boolean[] seen = new boolean[rank];
    for (int i = 0; permutation && i < rank; i++) {
      int axis = order[i] < 0 ? order[i] + rank : order[i];
      permutation = axis >= 0 && axis < rank && !seen[axis];
      if (permutation) {
        seen[axis] = true;
      }
    }
    Assume.that(!permutation);
    assertRejected(
        "permute", Arrays.toString(order) + " of " + text(dims), () -> F.permute(var(dims), order));
  }

  @Provide
  Arbitrary<int[]> orders() {
    return ints(-1, 4).array(int[].class).ofMaxSize(5);
  }

  @Property(tries = 200)
  void broadcastToRejectsTargetsItCannotReach(
      @ForAll("shapes") int[] from, @ForAll("shapes") int[] to) {
    boolean reaches = from.length <= to.length;
    for (int i = 0; reaches && i < from.length; i++) {
      reaches = fromRight(from, i) == 1 || fromRight(from, i) == fromRight(to, i);
    }
    Assume.that(!reaches);
    Variable x = var(from);
    assertRejected(
        "broadcastTo", text(from) + " to " + text(to), () -> F.broadcastTo(x, Shape.of(to)));
  }
}
