package org.grad4j.autograd.property;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The broadcasting binary ops against a reference written here with explicit index arithmetic:
 * forward values, and the gradients of {@code sum(op(a, b) * r)}.
 */
class ElementwiseBroadcastPropertyTest {

  /** A binary op, its value and its partial derivatives at one pair of elements. */
  enum Op {
    ADD {
      Variable apply(Variable a, Variable b) {
        return F.add(a, b);
      }

      double value(double x, double y) {
        return x + y;
      }

      double dx(double x, double y) {
        return 1;
      }

      double dy(double x, double y) {
        return 1;
      }
    },
    SUB {
      Variable apply(Variable a, Variable b) {
        return F.sub(a, b);
      }

      double value(double x, double y) {
        return x - y;
      }

      double dx(double x, double y) {
        return 1;
      }

      double dy(double x, double y) {
        return -1;
      }
    },
    MUL {
      Variable apply(Variable a, Variable b) {
        return F.mul(a, b);
      }

      double value(double x, double y) {
        return x * y;
      }

      double dx(double x, double y) {
        return y;
      }

      double dy(double x, double y) {
        return x;
      }
    },
    DIV {
      Variable apply(Variable a, Variable b) {
        return F.div(a, b);
      }

      double value(double x, double y) {
        return x / y;
      }

      double dx(double x, double y) {
        return 1 / y;
      }

      double dy(double x, double y) {
        return -x / (y * y);
      }
    },
    /** Ties share the gradient equally, as in PyTorch. */
    MAXIMUM {
      Variable apply(Variable a, Variable b) {
        return F.maximum(a, b);
      }

      double value(double x, double y) {
        return Math.max(x, y);
      }

      double dx(double x, double y) {
        return x > y ? 1 : x == y ? 0.5 : 0;
      }

      double dy(double x, double y) {
        return y > x ? 1 : x == y ? 0.5 : 0;
      }
    },
    MINIMUM {
      Variable apply(Variable a, Variable b) {
        return F.minimum(a, b);
      }

      double value(double x, double y) {
        return Math.min(x, y);
      }

      double dx(double x, double y) {
        return x < y ? 1 : x == y ? 0.5 : 0;
      }

      double dy(double x, double y) {
        return y < x ? 1 : x == y ? 0.5 : 0;
      }
    };

    abstract Variable apply(Variable a, Variable b);

    abstract double value(double x, double y);

    abstract double dx(double x, double y);

    abstract double dy(double x, double y);
  }

  /** Two operand shapes that broadcast together. */
  record ShapePair(int[] a, int[] b) {
    @Override
    public String toString() {
      return Shape.of(a) + " and " + Shape.of(b);
    }
  }

  /**
   * A result shape of rank 0–4 with dimensions 1–4, and two operands made from it by dropping some
   * leading axes and setting some dimensions to 1.
   */
  @Provide
  Arbitrary<ShapePair> broadcastPairs() {
    return Arbitraries.integers()
        .between(1, 4)
        .array(int[].class)
        .ofMaxSize(4)
        .flatMap(out -> operand(out).flatMap(a -> operand(out).map(b -> new ShapePair(a, b))));
  }

  private static Arbitrary<int[]> operand(int[] out) {
    Arbitrary<Integer> drop = Arbitraries.integers().between(0, out.length);
    Arbitrary<Integer> onesMask = Arbitraries.integers().between(0, (1 << out.length) - 1);
    return drop.flatMap(
        d ->
            onesMask.map(
                mask -> {
                  int[] dims = Arrays.copyOfRange(out, d, out.length);
                  for (int i = 0; i < dims.length; i++) {
                    if ((mask & (1 << i)) != 0) {
                      dims[i] = 1;
                    }
                  }
                  return dims;
                }));
  }

  /** The broadcast of two shapes by NumPy's rules, for shapes known to be compatible. */
  private static int[] broadcast(int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      out[i] = Math.max(da, db);
    }
    return out;
  }

  private static int size(int[] dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    return n;
  }

  /** The row-major multi-index of flat position {@code flat} in {@code dims}. */
  private static int[] multiIndex(int flat, int[] dims) {
    int[] index = new int[dims.length];
    for (int axis = dims.length - 1; axis >= 0; axis--) {
      index[axis] = flat % dims[axis];
      flat /= dims[axis];
    }
    return index;
  }

  /**
   * The flat position in an operand of {@code dims} that output index {@code out} reads: axes
   * aligned from the right, a dimension of 1 always read at 0.
   */
  private static int operandPosition(int[] dims, int[] out) {
    int offset = out.length - dims.length;
    int flat = 0;
    for (int i = 0; i < dims.length; i++) {
      flat = flat * dims[i] + (dims[i] == 1 ? 0 : out[offset + i]);
    }
    return flat;
  }

  /**
   * Values for an operand: small integers when {@code ties} (so that maximum and minimum meet ties
   * often), otherwise reals; away from 0 when {@code nonZero}, for divisors.
   */
  private static Tensor values(RandomGenerator rng, int[] dims, boolean ties, boolean nonZero) {
    double[] v = new double[size(dims)];
    for (int i = 0; i < v.length; i++) {
      double sign = rng.nextBoolean() ? 1 : -1;
      if (ties) {
        v[i] = nonZero ? sign * (1 + rng.nextInt(2)) : rng.nextInt(5) - 2;
      } else {
        v[i] = nonZero ? sign * (0.5 + 1.5 * rng.nextDouble()) : 4 * rng.nextDouble() - 2;
      }
    }
    return Tensor.of(v, dims);
  }

  @Property(tries = 600)
  void forwardAndGradientsMatchAnExplicitLoop(
      @ForAll Op op,
      @ForAll("broadcastPairs") ShapePair shapes,
      @ForAll boolean ties,
      @ForAll long seed) {
    String what = op + " of " + shapes;
    Rng rng = new Rng(seed);
    int[] outDims = broadcast(shapes.a(), shapes.b());
    Tensor a = values(rng, shapes.a(), ties, false);
    Tensor b = values(rng, shapes.b(), ties, op == Op.DIV);
    Tensor r = Tensor.randn(rng, outDims);
    double[] x = a.toArray();
    double[] y = b.toArray();
    double[] weights = r.toArray();

    double[] expected = new double[size(outDims)];
    double[] gradA = new double[x.length];
    double[] gradB = new double[y.length];
    double[] scaleA = new double[x.length];
    double[] scaleB = new double[y.length];
    for (int o = 0; o < expected.length; o++) {
      int[] index = multiIndex(o, outDims);
      int i = operandPosition(shapes.a(), index);
      int j = operandPosition(shapes.b(), index);
      expected[o] = op.value(x[i], y[j]);
      gradA[i] += weights[o] * op.dx(x[i], y[j]);
      gradB[j] += weights[o] * op.dy(x[i], y[j]);
      scaleA[i] += Math.abs(weights[o] * op.dx(x[i], y[j]));
      scaleB[j] += Math.abs(weights[o] * op.dy(x[i], y[j]));
    }

    Variable va = new Variable(a, true);
    Variable vb = new Variable(b, true);
    Variable out = op.apply(va, vb);
    assertEquals(Shape.of(outDims), out.shape(), what);
    double[] actual = out.data().toArray();
    for (int o = 0; o < expected.length; o++) {
      assertEquals(expected[o], actual[o], 0.0, what + ": output " + o);
    }

    F.sum(F.mul(out, new Variable(r))).backward();
    assertGradient(va, gradA, scaleA, what + ": gradient of a");
    assertGradient(vb, gradB, scaleB, what + ": gradient of b");
  }

  private static void assertGradient(Variable v, double[] expected, double[] scale, String what) {
    assertNotNull(v.grad(), what);
    assertEquals(v.shape(), v.grad().shape(), what + ": shape");
    double[] actual = v.grad().data().toArray();
    for (int i = 0; i < expected.length; i++) {
      double bound = 1e-12 * Math.max(1, scale[i]);
      int k = i;
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= bound,
          () -> what + " at " + k + ": expected " + expected[k] + " but got " + actual[k]);
    }
  }
}
