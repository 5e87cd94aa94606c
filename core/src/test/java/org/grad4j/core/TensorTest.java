package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.grad4j.core.CoreAssertions.assertRelativelyClose;
import static org.grad4j.core.CoreAssertions.dot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TensorTest {

  private static Tensor matrix(double[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] data = Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
    return Tensor.of(data, rows.length, cols);
  }

  private static void assertValues(Shape shape, double[] expected, Tensor actual) {
    assertEquals(shape, actual.shape());
    assertArrayEquals(expected, actual.toArray(), 0.0);
  }

  private static final double POS_INF = Double.POSITIVE_INFINITY;
  private static final double NEG_INF = Double.NEGATIVE_INFINITY;

  /**
   * {@code n} values, mostly standard normal, with every kind of special double mixed in: NaNs of
   * both signs, signed zeros, subnormals, the largest values and infinities.
   */
  private static Tensor specialValues(Rng rng, int n) {
    double[] special = {
      Double.NaN,
      Double.longBitsToDouble(0xfff8000000000000L),
      0.0,
      -0.0,
      Double.MIN_VALUE,
      -Double.MIN_VALUE,
      Double.MAX_VALUE,
      -Double.MAX_VALUE,
      POS_INF,
      NEG_INF
    };
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      int pick = rng.nextInt(4 * special.length);
      values[i] = pick < special.length ? special[pick] : rng.nextGaussian();
    }
    return Tensor.of(values, n);
  }

  // ------------------------------------------------------------------ factories

  @Nested
  class Factories {
    @Test
    void zerosOnesAndFull() {
      assertValues(Shape.of(2, 3), new double[6], Tensor.zeros(2, 3));
      assertValues(Shape.of(2, 2), new double[] {1, 1, 1, 1}, Tensor.ones(2, 2));
      assertValues(Shape.of(3), new double[] {2.5, 2.5, 2.5}, Tensor.full(2.5, 3));
      assertValues(Shape.of(1, 2), new double[] {0, 0}, Tensor.zeros(Shape.of(1, 2)));
      assertValues(Shape.of(2, 1), new double[] {1, 1}, Tensor.ones(Shape.of(2, 1)));
      assertValues(Shape.of(2), new double[] {-7, -7}, Tensor.full(-7, Shape.of(2)));
      assertValues(Shape.scalar(), new double[] {1}, Tensor.ones());
      assertValues(Shape.of(0, 4), new double[0], Tensor.zeros(0, 4));
    }

    @Test
    void scalar() {
      Tensor s = Tensor.scalar(3.5);
      assertEquals(0, s.rank());
      assertEquals(1, s.size());
      assertEquals(Shape.scalar(), s.shape());
      assertEquals(3.5, s.item());
      assertEquals(3.5, s.get());
    }

    @Test
    void arange() {
      assertValues(Shape.of(5), new double[] {0, 1, 2, 3, 4}, Tensor.arange(5));
      assertValues(Shape.of(0), new double[0], Tensor.arange(0));
      assertIllegalArgument(() -> Tensor.arange(-1), "arange", "-1");
    }

    @Test
    void ofCopiesTheValues() {
      double[] values = {1, 2, 3, 4, 5, 6};
      Tensor t = Tensor.of(values, 2, 3);
      values[0] = 100;
      assertValues(Shape.of(2, 3), new double[] {1, 2, 3, 4, 5, 6}, t);
      assertEquals(6.0, t.get(1, 2));
      assertEquals(4.0, t.get(1, 0));
    }

    @Test
    void ofRejectsTheWrongNumberOfValues() {
      assertIllegalArgument(
          () -> Tensor.of(new double[5], 2, 3),
          "Tensor.of: 5 values cannot fill shape (2,3) of 6 elements");
    }

    @Test
    void randnIsReproducibleAndFollowsTheGenerator() {
      Tensor a = Tensor.randn(new Rng(42), 3, 4);
      Tensor b = Tensor.randn(new Rng(42), 3, 4);
      assertEquals(Shape.of(3, 4), a.shape());
      assertArrayEquals(a.toArray(), b.toArray(), 0.0);
      assertFalse(Arrays.equals(a.toArray(), Tensor.randn(new Rng(43), 3, 4).toArray()));

      Rng rng = new Rng(42);
      double[] expected = new double[12];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = rng.nextGaussian();
      }
      assertArrayEquals(expected, a.toArray(), 0.0, "randn fills in row-major order from rng");
    }

    @Test
    void successiveDrawsFromOneGeneratorDiffer() {
      Rng rng = new Rng(7);
      Tensor first = Tensor.randn(rng, 5);
      Tensor second = Tensor.randn(rng, 5);
      assertFalse(Arrays.equals(first.toArray(), second.toArray()));
    }

    @Test
    void randnLooksStandardNormal() {
      double[] v = Tensor.randn(new Rng(1), 20_000).toArray();
      double mean = Arrays.stream(v).average().orElseThrow();
      double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
      assertEquals(0.0, mean, 0.05);
      assertEquals(1.0, var, 0.06);
    }

    @Test
    void randAndUniformStayInRangeAndAreReproducible() {
      double[] r = Tensor.rand(new Rng(5), 10_000).toArray();
      assertTrue(Arrays.stream(r).allMatch(x -> x >= 0.0 && x < 1.0));
      assertEquals(0.5, Arrays.stream(r).average().orElseThrow(), 0.02);
      assertArrayEquals(r, Tensor.rand(new Rng(5), 10_000).toArray(), 0.0);

      Tensor u = Tensor.uniform(new Rng(5), -2.0, 3.0, 100, 100);
      assertEquals(Shape.of(100, 100), u.shape());
      double[] uv = u.toArray();
      assertTrue(Arrays.stream(uv).allMatch(x -> x >= -2.0 && x < 3.0));
      assertTrue(Arrays.stream(uv).anyMatch(x -> x < -1.5));
      assertTrue(Arrays.stream(uv).anyMatch(x -> x > 2.5));
      // uniform(low, high) is the affine image of rand with the same stream.
      for (int i = 0; i < r.length; i++) {
        assertEquals(-2.0 + 5.0 * r[i], uv[i], 1e-12);
      }
    }

    @Test
    void uniformRejectsAnEmptyInterval() {
      assertIllegalArgument(
          () -> Tensor.uniform(new Rng(0), 1.0, 1.0, 3), "uniform", "low 1.0", "high 1.0");
      assertIllegalArgument(() -> Tensor.uniform(new Rng(0), 2.0, 1.0, 3), "uniform");
    }
  }

  // ------------------------------------------------------------------ access

  @Nested
  class Access {
    @Test
    void getReadsRowMajor() {
      Tensor t = Tensor.arange(24).reshape(2, 3, 4);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++) {
          for (int k = 0; k < 4; k++) {
            assertEquals(12 * i + 4 * j + k, t.get(i, j, k));
          }
        }
      }
    }

    @Test
    void getRejectsBadIndices() {
      Tensor t = Tensor.arange(6).reshape(2, 3);
      assertIllegalArgument(() -> t.get(2, 0), "get", "[2, 0]", "out of bounds", "(2,3)");
      assertIllegalArgument(() -> t.get(0, -1), "get", "[0, -1]", "(2,3)");
      assertIllegalArgument(() -> t.get(1), "get", "[1]", "(2,3)", "rank 2");
      assertIllegalArgument(() -> t.get(0, 0, 0), "get", "(2,3)");
    }

    @Test
    void item() {
      assertEquals(7.0, Tensor.full(7, 1, 1, 1).item());
      assertIllegalArgument(
          () -> Tensor.arange(2).item(), "item: tensor of shape (2,) has 2 elements, not 1");
      assertIllegalArgument(() -> Tensor.zeros(0).item(), "item", "(0,)");
    }

    @Test
    void toArrayReturnsACopy() {
      Tensor t = Tensor.arange(3);
      double[] copy = t.toArray();
      copy[0] = 42;
      assertEquals(0.0, t.get(0));
      assertArrayEquals(new double[] {0, 1, 2}, t.toArray(), 0.0);
    }
  }

  // ------------------------------------------------------------------ shapes

  @Nested
  class Shapes {
    @Test
    void reshapeKeepsRowMajorOrder() {
      Tensor t = Tensor.arange(6).reshape(2, 3);
      assertEquals(Shape.of(2, 3), t.shape());
      assertEquals(3.0, t.get(1, 0));
      Tensor u = t.reshape(3, 2);
      assertEquals(2.0, u.get(1, 0));
      assertArrayEquals(t.toArray(), u.toArray(), 0.0);
      assertEquals(Shape.of(2, 3), t.shape(), "reshape returns a new tensor");
      assertEquals(Shape.of(6, 1), t.reshape(Shape.of(6, 1)).shape());
      assertEquals(Shape.scalar(), Tensor.ones(1, 1).reshape().shape());
    }

    @Test
    void reshapeInfersMinusOne() {
      Tensor t = Tensor.arange(24);
      assertEquals(Shape.of(2, 12), t.reshape(2, -1).shape());
      assertEquals(Shape.of(4, 3, 2), t.reshape(4, -1, 2).shape());
      assertEquals(Shape.of(24), t.reshape(2, 3, 4).reshape(-1).shape());
      assertEquals(Shape.of(24, 1), t.reshape(-1, 1).shape());
      assertEquals(Shape.of(3, 0), Tensor.zeros(0).reshape(3, -1).shape());
    }

    @Test
    void reshapeRejectsBadShapes() {
      Tensor t = Tensor.arange(6);
      assertIllegalArgument(
          () -> t.reshape(4, 2), "reshape: cannot reshape (6,) (6 elements) to (4,2) (8 elements)");
      assertIllegalArgument(() -> t.reshape(Shape.of(7)), "reshape", "(6,)", "(7,)", "7 elements");
      assertIllegalArgument(() -> t.reshape(4, -1), "reshape", "(6,)", "[4, -1]");
      assertIllegalArgument(() -> t.reshape(0, -1), "reshape", "(6,)", "[0, -1]");
      assertIllegalArgument(() -> t.reshape(-1, -1), "reshape", "only one dimension", "[-1, -1]");
      assertIllegalArgument(() -> t.reshape(-2, -3), "reshape", "[-2, -3]");
      assertIllegalArgument(() -> t.reshape(-1, -3), "reshape", "[-1, -3]");
    }

    @Test
    void permuteMatrixIsTheTranspose() {
      Tensor t = Tensor.arange(6).reshape(2, 3); // [[0,1,2],[3,4,5]]
      assertValues(Shape.of(3, 2), new double[] {0, 3, 1, 4, 2, 5}, t.permute(1, 0));
      assertValues(Shape.of(3, 2), new double[] {0, 3, 1, 4, 2, 5}, t.transpose());
      assertValues(Shape.of(2, 3), new double[] {0, 1, 2, 3, 4, 5}, t.permute(0, 1));
    }

    @Test
    void permuteRankThreeByHand() {
      // x[c, a, b] = 4c + 2a + b; result[a, b, c] = x[c, a, b].
      Tensor x = Tensor.arange(8).reshape(2, 2, 2);
      assertValues(Shape.of(2, 2, 2), new double[] {0, 4, 1, 5, 2, 6, 3, 7}, x.permute(1, 2, 0));
      // result[b, c, a] = x[a, b, c]
      assertValues(Shape.of(2, 2, 2), new double[] {0, 2, 4, 6, 1, 3, 5, 7}, x.permute(2, 0, 1));
      Tensor y = Tensor.arange(6).reshape(1, 2, 3);
      assertValues(Shape.of(3, 1, 2), new double[] {0, 3, 1, 4, 2, 5}, y.permute(2, 0, 1));
      assertValues(Shape.of(3, 1, 2), new double[] {0, 3, 1, 4, 2, 5}, y.permute(-1, -3, -2));
    }

    @Test
    void permuteRankFourMatchesIndexing() {
      Tensor x = Tensor.randn(new Rng(3), 2, 3, 4, 5);
      int[] order = {2, 0, 3, 1};
      Tensor p = x.permute(order);
      assertEquals(Shape.of(4, 2, 5, 3), p.shape());
      int[] in = new int[4];
      for (int a = 0; a < 4; a++) {
        for (int b = 0; b < 2; b++) {
          for (int c = 0; c < 5; c++) {
            for (int d = 0; d < 3; d++) {
              int[] out = {a, b, c, d};
              for (int i = 0; i < 4; i++) {
                in[order[i]] = out[i];
              }
              assertEquals(x.get(in), p.get(out));
            }
          }
        }
      }
      // Permuting back with the inverse order restores the original.
      assertArrayEquals(x.toArray(), p.permute(1, 3, 0, 2).toArray(), 0.0);
    }

    @Test
    void permuteRejectsBadOrders() {
      Tensor t = Tensor.zeros(2, 3, 4);
      assertIllegalArgument(
          () -> t.permute(0, 1), "permute: order [0, 1] has 2 axes but shape (2,3,4) has rank 3");
      assertIllegalArgument(() -> t.permute(0, 0, 1), "permute", "repeated", "[0, 0, 1]");
      assertIllegalArgument(() -> t.permute(0, -3, 1), "permute", "repeated", "[0, -3, 1]");
      assertIllegalArgument(() -> t.permute(0, 1, 3), "permute", "axis 3", "(2,3,4)");
    }

    @Test
    void transposeSwapsTwoAxes() {
      Tensor x = Tensor.arange(24).reshape(2, 3, 4);
      Tensor t = x.transpose(0, 2);
      assertEquals(Shape.of(4, 3, 2), t.shape());
      assertEquals(x.get(1, 2, 3), t.get(3, 2, 1));
      assertEquals(x.get(0, 1, 2), t.get(2, 1, 0));
      assertArrayEquals(x.transpose(1, 2).toArray(), x.transpose(-1, -2).toArray(), 0.0);
      assertArrayEquals(x.toArray(), x.transpose(1, 1).toArray(), 0.0);
      assertIllegalArgument(() -> x.transpose(0, 3), "transpose", "axis 3", "(2,3,4)");
      assertIllegalArgument(() -> x.transpose(), "transpose: expected a matrix, got shape (2,3,4)");
    }

    @Test
    void broadcastToRepeatsValues() {
      Tensor col = Tensor.of(new double[] {1, 2, 3}, 3, 1);
      assertValues(
          Shape.of(2, 3, 2),
          new double[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3},
          col.broadcastTo(Shape.of(2, 3, 2)));
      Tensor row = Tensor.of(new double[] {1, 2}, 2);
      assertValues(Shape.of(2, 2), new double[] {1, 2, 1, 2}, row.broadcastTo(Shape.of(2, 2)));
      assertValues(
          Shape.of(2, 2), new double[] {5, 5, 5, 5}, Tensor.scalar(5).broadcastTo(Shape.of(2, 2)));
      assertValues(Shape.of(2), new double[] {4, 4}, Tensor.full(4, 1).broadcastTo(Shape.of(2)));
      assertValues(Shape.of(0, 2), new double[0], row.broadcastTo(Shape.of(0, 2)));
      assertIllegalArgument(
          () -> Tensor.zeros(3).broadcastTo(Shape.of(3, 4)),
          "broadcastTo: shape (3,) cannot be broadcast to (3,4)");
      assertIllegalArgument(
          () -> Tensor.zeros(2, 3).broadcastTo(Shape.of(3)), "broadcastTo", "(2,3)", "(3,)");
    }

    @Test
    void sumToUndoesABroadcast() {
      Tensor x = Tensor.arange(24).reshape(2, 3, 4); // x[i,j,k] = 12i + 4j + k
      // to (3,1): sum over i and k: 4*12*(0+1) + 8*4j + 2*(0+1+2+3) = 60 + 32j
      assertValues(Shape.of(3, 1), new double[] {60, 92, 124}, x.sumTo(Shape.of(3, 1)));
      // to (4,): sum over i and j: 2*3*k + 3*12 + 2*4*3 = 6k + 60
      assertValues(Shape.of(4), new double[] {60, 66, 72, 78}, x.sumTo(Shape.of(4)));
      // to (2,1,1): sum over j and k: 12*12i + 4*4*3 + 3*6 = 144i + 66
      assertValues(Shape.of(2, 1, 1), new double[] {66, 210}, x.sumTo(Shape.of(2, 1, 1)));
      assertValues(Shape.scalar(), new double[] {276}, x.sumTo(Shape.scalar()));
      assertValues(Shape.of(1, 1), new double[] {276}, x.sumTo(Shape.of(1, 1)));
      assertArrayEquals(x.toArray(), x.sumTo(x.shape()).toArray(), 0.0);
      assertIllegalArgument(
          () -> Tensor.zeros(2, 3).sumTo(Shape.of(2)),
          "sumTo: shape (2,3) cannot be summed to (2,)");
      assertIllegalArgument(() -> Tensor.zeros(3).sumTo(Shape.of(2, 3)), "sumTo", "(3,)");
    }

    static Stream<Arguments> broadcastPairs() {
      return Stream.of(
          Arguments.of(Shape.of(3, 1), Shape.of(2, 3, 4)),
          Arguments.of(Shape.of(4), Shape.of(2, 3, 4)),
          Arguments.of(Shape.scalar(), Shape.of(2, 3)),
          Arguments.of(Shape.of(1, 1), Shape.of(5, 7)),
          Arguments.of(Shape.of(2, 1, 4), Shape.of(2, 3, 4)),
          Arguments.of(Shape.of(1, 3, 1, 1), Shape.of(2, 3, 5, 5)),
          Arguments.of(Shape.of(2, 3), Shape.of(2, 3)));
    }

    @ParameterizedTest
    @MethodSource("broadcastPairs")
    void broadcastToAndSumToAreAdjoint(Shape small, Shape big) {
      Rng rng = new Rng(small.hashCode() * 31L + big.hashCode());
      Tensor a = Tensor.randn(rng, small.dims());
      Tensor b = Tensor.randn(rng, big.dims());
      double lhs = dot(a.broadcastTo(big).toArray(), b.toArray());
      double rhs = dot(a.toArray(), b.sumTo(small).toArray());
      assertRelativelyClose(lhs, rhs, 1e-12, big.size(), small + " to " + big);

      // Summing a broadcast multiplies by the number of copies.
      int copies = big.size() / small.size();
      assertTrue(a.broadcastTo(big).sumTo(small).allClose(a.mul(copies), 1e-12, 1e-12));
    }
  }

  // ------------------------------------------------------------------ elementwise

  @Nested
  class Elementwise {
    private final Tensor col = Tensor.of(new double[] {1, 2, 3}, 3, 1);
    private final Tensor row = Tensor.of(new double[] {10, 20, 30, 40}, 1, 4);

    @Test
    void columnPlusRow() {
      assertValues(
          Shape.of(3, 4),
          new double[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43},
          col.add(row));
      assertValues(
          Shape.of(3, 4),
          new double[] {11, 21, 31, 41, 12, 22, 32, 42, 13, 23, 33, 43},
          row.add(col));
    }

    @Test
    void subAndDivKeepOperandOrderUnderBroadcasting() {
      assertValues(
          Shape.of(3, 4),
          new double[] {-9, -19, -29, -39, -8, -18, -28, -38, -7, -17, -27, -37},
          col.sub(row));
      assertValues(
          Shape.of(3, 4), new double[] {9, 19, 29, 39, 8, 18, 28, 38, 7, 17, 27, 37}, row.sub(col));
      Tensor divided = row.div(col);
      assertTrue(
          divided.allClose(
              matrix(
                  new double[][] {
                    {10, 20, 30, 40}, {5, 10, 15, 20}, {10 / 3.0, 20 / 3.0, 10, 40 / 3.0}
                  }),
              0,
              1e-15));
      assertEquals(0.1, col.div(row).get(0, 0), 1e-15);
      assertEquals(3 / 40.0, col.div(row).get(2, 3), 1e-15);
    }

    @Test
    void columnTimesRow() {
      assertValues(
          Shape.of(3, 4),
          new double[] {10, 20, 30, 40, 20, 40, 60, 80, 30, 60, 90, 120},
          col.mul(row));
    }

    @Test
    void rankDifferentOperands() {
      Tensor m = Tensor.arange(6).reshape(2, 3); // [[0,1,2],[3,4,5]]
      Tensor v = Tensor.of(new double[] {10, 20, 30}, 3);
      assertValues(Shape.of(2, 3), new double[] {10, 21, 32, 13, 24, 35}, m.add(v));
      assertValues(Shape.of(2, 3), new double[] {10, 19, 28, 7, 16, 25}, v.sub(m));
      assertValues(Shape.of(2, 3), new double[] {0, 20, 60, 30, 80, 150}, v.mul(m));

      Tensor batch = Tensor.arange(12).reshape(2, 2, 3);
      Tensor perChannel = Tensor.of(new double[] {100, 200}, 2, 1);
      assertValues(
          Shape.of(2, 2, 3),
          new double[] {100, 101, 102, 203, 204, 205, 106, 107, 108, 209, 210, 211},
          batch.add(perChannel));
    }

    @Test
    void scalarAndSizeOneOperands() {
      Tensor m = Tensor.arange(4).reshape(2, 2);
      assertValues(Shape.of(2, 2), new double[] {10, 9, 8, 7}, Tensor.scalar(10).sub(m));
      assertValues(Shape.of(2, 2), new double[] {-10, -9, -8, -7}, m.sub(Tensor.scalar(10)));
      assertValues(Shape.of(2, 2), new double[] {0, 0.5, 1, 1.5}, m.div(Tensor.full(2, 1, 1)));
      // A size-one operand of higher rank still raises the result's rank.
      assertValues(
          Shape.of(1, 1, 3), new double[] {2, 3, 4}, Tensor.arange(3).add(Tensor.full(2, 1, 1, 1)));
      assertValues(
          Shape.of(1, 1, 3), new double[] {2, 1, 0}, Tensor.full(2, 1, 1, 1).sub(Tensor.arange(3)));
      assertValues(Shape.scalar(), new double[] {6}, Tensor.scalar(2).mul(Tensor.scalar(3)));
    }

    @Test
    void equalShapesAndEmptyShapes() {
      Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
      Tensor b = Tensor.of(new double[] {4, 3, 2, 1}, 2, 2);
      assertValues(Shape.of(2, 2), new double[] {5, 5, 5, 5}, a.add(b));
      assertValues(Shape.of(2, 2), new double[] {-3, -1, 1, 3}, a.sub(b));
      assertValues(Shape.of(2, 2), new double[] {4, 6, 6, 4}, a.mul(b));
      assertValues(Shape.of(2, 2), new double[] {0.25, 2 / 3.0, 1.5, 4}, a.div(b));
      assertValues(Shape.of(0, 3), new double[0], Tensor.zeros(0, 3).add(Tensor.ones(1, 3)));
    }

    @Test
    void operandsAreNotModified() {
      Tensor a = Tensor.arange(3).reshape(3, 1);
      Tensor b = Tensor.arange(4).reshape(1, 4);
      a.add(b);
      a.sub(b);
      a.mul(b);
      a.div(b);
      a.neg();
      a.mul(3);
      a.add(1);
      assertArrayEquals(new double[] {0, 1, 2}, a.toArray(), 0.0);
      assertArrayEquals(new double[] {0, 1, 2, 3}, b.toArray(), 0.0);
    }

    @Test
    void scalarArithmeticAndMap() {
      Tensor t = Tensor.of(new double[] {1, -2, 3}, 3);
      assertValues(Shape.of(3), new double[] {3, 0, 5}, t.add(2));
      assertValues(Shape.of(3), new double[] {-2, 4, -6}, t.mul(-2));
      assertValues(Shape.of(3), new double[] {-1, 2, -3}, t.neg());
      assertValues(Shape.of(3), new double[] {1, 4, 9}, t.map(x -> x * x));
    }

    @Test
    void reluIsMathMaxWithZero() {
      Tensor t = Tensor.of(new double[] {-2, -0.0, 0.0, 3, Double.NaN, NEG_INF, POS_INF}, 7);
      // Without a tolerance, assertArrayEquals tells -0.0 from 0.0: relu(-0.0) is +0.0.
      assertArrayEquals(new double[] {0, 0.0, 0.0, 3, Double.NaN, 0, POS_INF}, t.relu().toArray());
      Tensor big = specialValues(new Rng(3), 70_001);
      double[] expected = big.map(v -> Math.max(v, 0.0)).toArray();
      assertArrayEquals(expected, big.relu().toArray());
    }

    @Test
    void passWherePositiveGatesLikeTheConditional() {
      Tensor g = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 6);
      Tensor x = Tensor.of(new double[] {2, 0.0, -0.0, -1, Double.NaN, Double.MIN_VALUE}, 6);
      assertValues(Shape.of(6), new double[] {1, 0, 0, 0, 0, 6}, g.passWherePositive(x));
      // Over the thread split, with NaNs of both signs, zeros, subnormals and infinities on both
      // sides: NaN and -0.0 in g must pass unchanged where x > 0.
      Rng rng = new Rng(4);
      Tensor gate = specialValues(rng, 70_001);
      Tensor grad = specialValues(rng, 70_001);
      double[] expected = grad.zip(gate, (a, b) -> b > 0 ? a : 0.0, "gate").toArray();
      assertArrayEquals(expected, grad.passWherePositive(gate).toArray());
      assertIllegalArgument(
          () -> g.passWherePositive(Tensor.zeros(2, 3)), "passWherePositive", "(2,3)", "(6,)");
    }

    @Test
    void zipAppliesTheFunctionAfterBroadcasting() {
      Tensor z = col.zip(row, Math::max, "maximum");
      assertValues(
          Shape.of(3, 4), new double[] {10, 20, 30, 40, 10, 20, 30, 40, 10, 20, 30, 40}, z);
      assertIllegalArgument(
          () -> col.zip(Tensor.zeros(2, 4), Math::max, "maximum"),
          "maximum: shapes (3,1) and (2,4) cannot be broadcast together");
    }

    @Test
    void shapeMismatchNamesOpAndShapes() {
      Tensor a = Tensor.zeros(2, 3);
      Tensor b = Tensor.zeros(3, 2);
      assertIllegalArgument(() -> a.add(b), "add: shapes (2,3) and (3,2)");
      assertIllegalArgument(() -> a.sub(b), "sub: shapes (2,3) and (3,2)");
      assertIllegalArgument(() -> a.mul(b), "mul: shapes (2,3) and (3,2)");
      assertIllegalArgument(() -> a.div(b), "div: shapes (2,3) and (3,2)");
      assertIllegalArgument(() -> a.add(Tensor.zeros(2)), "add", "(2,3)", "(2,)");
    }
  }

  // ------------------------------------------------------------------ reductions

  @Nested
  class Reductions {
    private final Tensor m = Tensor.arange(6).reshape(2, 3); // [[0,1,2],[3,4,5]]
    private final Tensor x = Tensor.arange(24).reshape(2, 3, 4); // 12i + 4j + k

    @Test
    void sumOfEverything() {
      assertValues(Shape.scalar(), new double[] {15}, m.sum());
      assertValues(Shape.scalar(), new double[] {15}, m.sum(false));
      assertValues(Shape.of(1, 1), new double[] {15}, m.sum(true));
      assertValues(Shape.of(1, 1), new double[] {15}, m.sum(true, 0, 1));
      assertValues(Shape.scalar(), new double[] {0}, Tensor.zeros(0).sum());
    }

    @Test
    void sumOverAxes() {
      assertValues(Shape.of(3), new double[] {3, 5, 7}, m.sum(false, 0));
      assertValues(Shape.of(1, 3), new double[] {3, 5, 7}, m.sum(true, 0));
      assertValues(Shape.of(2), new double[] {3, 12}, m.sum(false, 1));
      assertValues(Shape.of(2), new double[] {3, 12}, m.sum(false, -1));
      assertValues(Shape.of(2, 1), new double[] {3, 12}, m.sum(true, -1));

      assertValues(Shape.of(3), new double[] {60, 92, 124}, x.sum(false, 0, 2));
      assertValues(Shape.of(1, 3, 1), new double[] {60, 92, 124}, x.sum(true, 2, 0));
      assertValues(Shape.of(2, 4), new double[] {12, 15, 18, 21, 48, 51, 54, 57}, x.sum(false, 1));
      assertValues(
          Shape.of(3, 4),
          new double[] {12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34},
          x.sum(false, 0));
    }

    static Stream<Arguments> sumCases() {
      return Stream.of(
          // (N, C, H, W) over (0, 2, 3), the conv bias gradient; the channels split over threads.
          Arguments.of(new int[] {5, 8, 41, 43}, new int[] {0, 2, 3}),
          Arguments.of(new int[] {3, 70_001}, new int[] {1}),
          Arguments.of(new int[] {70_001}, new int[0]),
          Arguments.of(new int[] {5, 7, 3}, new int[] {0}),
          Arguments.of(new int[] {9, 70}, new int[] {0}),
          Arguments.of(new int[] {2, 5, 3, 7}, new int[] {0, 3}),
          Arguments.of(new int[] {2, 1, 3, 1, 5}, new int[] {0, 4}),
          Arguments.of(new int[] {3, 1, 4}, new int[] {1}),
          // kept axes that are not next to each other take the generic loop
          Arguments.of(new int[] {2, 3, 4, 5}, new int[] {1, 3}),
          Arguments.of(new int[] {4, 6, 5}, new int[] {1}),
          Arguments.of(new int[] {0, 3}, new int[] {0}),
          Arguments.of(new int[] {3, 0, 2}, new int[] {1}),
          // a kept axis of size 0: the sum is empty
          Arguments.of(new int[] {3, 0}, new int[] {0}),
          Arguments.of(new int[] {3, 4, 0}, new int[] {0, 1}));
    }

    @ParameterizedTest
    @MethodSource("sumCases")
    void sumOverAxesMatchesAPlainLoop(int[] dims, int[] axes) {
      Tensor t = Tensor.randn(new Rng(Arrays.hashCode(dims) * 31L + Arrays.hashCode(axes)), dims);
      Shape kept = t.reducedShape("sum", true, axes);
      int[] keptStrides = kept.strides();
      double[] expected = new double[kept.size()];
      double[] magnitude = new double[kept.size()];
      double[] values = t.toArray();
      for (int i = 0; i < values.length; i++) {
        int rest = i;
        int o = 0;
        for (int axis = dims.length - 1; axis >= 0; axis--) {
          int coordinate = rest % dims[axis];
          rest /= dims[axis];
          o += kept.dim(axis) == 1 ? 0 : coordinate * keptStrides[axis];
        }
        expected[o] += values[i];
        magnitude[o] += Math.abs(values[i]);
      }
      Tensor sum = t.sum(false, axes);
      assertEquals(t.reducedShape("sum", false, axes), sum.shape());
      assertEquals(kept, t.sum(true, axes).shape());
      double[] actual = sum.toArray();
      for (int o = 0; o < expected.length; o++) {
        assertRelativelyClose(
            expected[o], actual[o], 1e-13, magnitude[o], Arrays.toString(dims) + " at " + o);
      }
    }

    @Test
    void sumOverAxesPropagatesNaNAndInfinity() {
      Tensor t = Tensor.randn(new Rng(5), 5, 8, 41, 43);
      double[] values = t.toArray();
      values[Shape.of(5, 8, 41, 43).strides()[1] * 2 + 100] = Double.NaN;
      values[values.length - 1] = Double.POSITIVE_INFINITY;
      Tensor sum = Tensor.of(values, 5, 8, 41, 43).sum(false, 0, 2, 3);
      for (int c = 0; c < 8; c++) {
        double s = sum.get(c);
        assertTrue(c == 2 ? Double.isNaN(s) : c == 7 ? s == POS_INF : Double.isFinite(s), "c=" + c);
      }
      // sumTo a lower-rank target takes the same path as sum over the missing and size-1 axes.
      assertArrayEquals(t.sum(false, 0, 2, 3).toArray(), t.sumTo(Shape.of(8, 1, 1)).toArray());
    }

    @Test
    void sumToAShapeWithAnEmptyAxisIsEmpty() {
      assertEquals(Shape.of(1, 0), Tensor.zeros(3, 0).sumTo(Shape.of(1, 0)).shape());
    }

    @Test
    void mean() {
      assertValues(Shape.of(3), new double[] {1.5, 2.5, 3.5}, m.mean(false, 0));
      assertValues(Shape.of(2, 1), new double[] {1, 4}, m.mean(true, 1));
      assertValues(Shape.scalar(), new double[] {2.5}, m.mean(false));
      assertValues(Shape.of(1, 1), new double[] {2.5}, m.mean(true));
      assertValues(Shape.of(3), new double[] {7.5, 11.5, 15.5}, x.mean(false, 0, 2));
      assertIllegalArgument(() -> m.mean(false, 2), "mean: axis 2", "(2,3)");
      assertIllegalArgument(() -> m.mean(true, 1, -1), "mean", "repeated");
    }

    @Test
    void maxOfNegativeValues() {
      Tensor t = Tensor.of(new double[] {-5, -1, -3, -2, -8, -4}, 2, 3);
      assertValues(Shape.of(3), new double[] {-2, -1, -3}, t.max(false, 0));
      assertValues(Shape.of(2), new double[] {-1, -2}, t.max(false, 1));
      assertValues(Shape.of(2, 1), new double[] {-1, -2}, t.max(true, -1));
      assertValues(Shape.scalar(), new double[] {-1}, t.max(false));
      assertValues(Shape.of(1, 1), new double[] {-1}, t.max(true));
      assertValues(Shape.of(4), new double[] {20, 21, 22, 23}, x.max(false, 0, 1));
    }

    @Test
    void maxRejectsAnEmptyTensor() {
      assertIllegalArgument(() -> Tensor.zeros(0).max(false), "max: tensor of shape (0,) is empty");
    }

    @Test
    void reductionsRejectBadAxes() {
      assertIllegalArgument(() -> m.sum(false, 2), "sum: axis 2 is out of range for shape (2,3)");
      assertIllegalArgument(() -> m.sum(false, -3), "sum", "axis -3", "(2,3)");
      assertIllegalArgument(() -> m.sum(false, 0, -2), "sum: axis 0 repeated in [0, -2]");
      assertIllegalArgument(() -> m.max(true, 1, 1), "max", "repeated", "[1, 1]");
      assertIllegalArgument(() -> m.max(true, 5), "max", "axis 5", "(2,3)");
    }

    @Test
    void reducedShape() {
      assertEquals(Shape.of(2, 4), x.reducedShape("op", false, 1));
      assertEquals(Shape.of(2, 1, 4), x.reducedShape("op", true, 1));
      assertEquals(Shape.scalar(), x.reducedShape("op", false));
      assertEquals(Shape.of(1, 1, 1), x.reducedShape("op", true));
      assertIllegalArgument(() -> x.reducedShape("myop", false, 3), "myop", "(2,3,4)");
    }

    @Test
    void reductionsDoNotModifyTheirInput() {
      x.sum(false, 1);
      x.mean(true, 0);
      x.max(false, 2);
      assertArrayEquals(Tensor.arange(24).toArray(), x.toArray(), 0.0);
    }
  }

  // ------------------------------------------------------------------ comparison

  @Nested
  class Comparison {
    @Test
    void allCloseUsesAbsoluteAndRelativeTolerance() {
      Tensor a = Tensor.of(new double[] {1.0, 100.0}, 2);
      assertTrue(a.allClose(a, 0, 0));
      assertTrue(a.allClose(Tensor.of(new double[] {1.0 + 1e-9, 100.0}, 2), 0, 1e-8));
      assertFalse(a.allClose(Tensor.of(new double[] {1.0 + 1e-7, 100.0}, 2), 0, 1e-8));
      // rtol scales with |other|: 100 * 1e-3 = 0.1.
      assertTrue(a.allClose(Tensor.of(new double[] {1.0, 100.09}, 2), 1e-3, 0));
      assertFalse(a.allClose(Tensor.of(new double[] {1.0, 100.2}, 2), 1e-3, 0));
    }

    @Test
    void allCloseRequiresTheSameShapeAndRejectsNaN() {
      Tensor a = Tensor.arange(6).reshape(2, 3);
      assertFalse(a.allClose(a.reshape(3, 2), 1, 1));
      assertFalse(a.allClose(Tensor.arange(6), 1, 1));
      Tensor nan = Tensor.full(Double.NaN, 2);
      assertFalse(nan.allClose(nan, 1, 1));
      assertFalse(Tensor.zeros(2).allClose(nan, 1, 1));
    }
  }

  // ------------------------------------------------------------------ in place

  @Nested
  class InPlace {
    @Test
    void copyFromInPlaceOverwritesOnlyTheTarget() {
      Tensor target = Tensor.zeros(2, 2);
      Tensor source = Tensor.arange(4).reshape(2, 2);
      target.copyFromInPlace(source);
      assertArrayEquals(new double[] {0, 1, 2, 3}, target.toArray(), 0.0);
      target.scaleAndAddInPlace(0, 1, Tensor.ones(2, 2));
      assertArrayEquals(new double[] {0, 1, 2, 3}, source.toArray(), 0.0, "no shared storage");
      assertIllegalArgument(
          () -> target.copyFromInPlace(Tensor.zeros(4)),
          "copyFromInPlace: shape (4,) does not match (2,2)");
    }

    @Test
    void scaleAndAddInPlace() {
      Tensor t = Tensor.of(new double[] {1, 2, 3}, 3);
      t.scaleAndAddInPlace(0.5, -2, Tensor.of(new double[] {1, 1, 2}, 3));
      assertArrayEquals(new double[] {-1.5, -1, -2.5}, t.toArray(), 0.0);
      assertIllegalArgument(
          () -> t.scaleAndAddInPlace(1, 1, Tensor.zeros(1, 3)),
          "scaleAndAddInPlace: shape (1,3) does not match (3,)");
    }

    @Test
    void reshapeSharesStorage() {
      Tensor t = Tensor.zeros(2, 3);
      Tensor view = t.reshape(6);
      view.copyFromInPlace(Tensor.arange(6));
      assertEquals(5.0, t.get(1, 2));
      Tensor permuted = t.permute(1, 0);
      t.scaleAndAddInPlace(0, 1, Tensor.ones(2, 3));
      assertEquals(3.0, permuted.get(0, 1), "permute copies");
    }

    @Test
    void firstNonFinite() {
      assertEquals(-1, Tensor.arange(4).firstNonFinite());
      assertEquals(-1, Tensor.zeros(0).firstNonFinite());
      assertEquals(2, Tensor.of(new double[] {0, 1, Double.NaN, Double.NaN}, 4).firstNonFinite());
      assertEquals(1, Tensor.of(new double[] {0, Double.NEGATIVE_INFINITY}, 2).firstNonFinite());
      assertEquals(0, Tensor.full(Double.POSITIVE_INFINITY, 1).firstNonFinite());
    }
  }

  @Test
  void matmulMultipliesMatrices() {
    Tensor a = matrix(new double[][] {{1, 2}, {3, 4}});
    Tensor b = matrix(new double[][] {{5, 6}, {7, 8}});
    assertValues(Shape.of(2, 2), new double[] {19, 22, 43, 50}, a.matmul(b));
    assertValues(
        Shape.of(2, 1), new double[] {17, 39}, a.matmul(Tensor.of(new double[] {5, 6}, 2, 1)));
    assertIllegalArgument(
        () -> a.matmul(Tensor.zeros(3, 2)), "matmul: (2,2) @ (3,2): inner dimensions 2 and 3");
  }

  @Test
  void toStringUsesTheNumpyFormat() {
    assertEquals("[[0., 1.],\n [2., 3.]]", Tensor.arange(4).reshape(2, 2).toString());
  }
}
