package org.grad4j.core.property;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ArbitrarySupplier;
import net.jqwik.api.Combinators;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Shape;

/**
 * Random window geometries with their inputs, for the convolution and pooling properties of core
 * and autograd; a property takes them as {@code @ForAll(supplier = ConvCases.class) Case c}.
 */
public final class GeometryCases {
  private GeometryCases() {}

  /** One spatial axis: the window's kernel, stride, padding and dilation, and the input size. */
  public record Axis(int kernel, int stride, int pad, int dilation, int in) {
    /** The extent of the dilated kernel. */
    public int span() {
      return dilation * (kernel - 1) + 1;
    }

    /** PyTorch's formula, {@code floor((in + 2p - d(k-1) - 1) / s) + 1}, written out here. */
    public int expectedOutput() {
      return Math.floorDiv(in + 2 * pad - dilation * (kernel - 1) - 1, stride) + 1;
    }
  }

  /** An input {@code (batch, channels, h.in, w.in)} and the geometry of its two axes. */
  public record Case(int batch, int channels, Axis h, Axis w) {
    public ConvGeometry geometry() {
      return new ConvGeometry(
          h.kernel, w.kernel, h.stride, w.stride, h.pad, w.pad, h.dilation, w.dilation);
    }

    public Shape input() {
      return Shape.of(batch, channels, h.in, w.in);
    }

    @Override
    public String toString() {
      return "input " + input() + ", " + geometry();
    }
  }

  private static Arbitrary<Integer> ints(int min, int max) {
    return Arbitraries.integers().between(min, max);
  }

  /**
   * An axis on which the window fits: kernel 1–4, stride 1–3, dilation 1–{@code maxDilation},
   * padding 0–3 (at most half the kernel when {@code pooling}), input 1–9 but at least the span
   * less the padding.
   */
  private static Arbitrary<Axis> validAxis(int maxDilation, boolean pooling) {
    return Combinators.combine(ints(1, 4), ints(1, 3), ints(1, maxDilation))
        .flatAs(
            (k, s, d) -> {
              int span = d * (k - 1) + 1;
              int maxPad = pooling ? k / 2 : 3;
              return ints(0, maxPad)
                  .flatMap(
                      p -> ints(Math.max(1, span - 2 * p), 9).map(in -> new Axis(k, s, p, d, in)));
            });
  }

  /**
   * An axis on which the dilated kernel is wider than the padded input; with {@code pooling} the
   * geometry is otherwise one pooling accepts (dilation 1, padding at most half the kernel).
   */
  private static Arbitrary<Axis> oversizedAxis(boolean pooling) {
    return Combinators.combine(ints(2, 4), ints(1, 3), ints(1, pooling ? 1 : 2))
        .flatAs(
            (k, s, d) -> {
              int span = d * (k - 1) + 1;
              int maxPad = pooling ? (k - 2) / 2 : (span - 2) / 2;
              return ints(0, maxPad)
                  .flatMap(p -> ints(1, span - 2 * p - 1).map(in -> new Axis(k, s, p, d, in)));
            });
  }

  /** Batch 1–3, channels 1–3 and two axes from {@code h} and {@code w}. */
  private static Arbitrary<Case> cases(Arbitrary<Axis> h, Arbitrary<Axis> w) {
    return Combinators.combine(ints(1, 3), ints(1, 3), h, w).as(Case::new);
  }

  /** Convolution geometries that fit their input. */
  static Arbitrary<Case> convCases() {
    return cases(validAxis(2, false), validAxis(2, false));
  }

  /** Pooling geometries (dilation 1, padding at most half the kernel) that fit their input. */
  private static Arbitrary<Case> poolCases() {
    return cases(validAxis(1, true), validAxis(1, true));
  }

  /** Geometries whose window does not fit on at least one axis. */
  private static Arbitrary<Case> oversizedCases(boolean pooling) {
    Arbitrary<Axis> fits = validAxis(pooling ? 1 : 2, pooling);
    Arbitrary<Axis> tooBig = oversizedAxis(pooling);
    return Arbitraries.oneOf(
        List.of(cases(tooBig, fits), cases(fits, tooBig), cases(tooBig, tooBig)));
  }

  /** {@link #convCases()}, for {@code @ForAll(supplier = ...)}. */
  public static final class ConvCases implements ArbitrarySupplier<Case> {
    @Override
    public Arbitrary<Case> get() {
      return convCases();
    }
  }

  /** {@link #poolCases()}, for {@code @ForAll(supplier = ...)}. */
  public static final class PoolCases implements ArbitrarySupplier<Case> {
    @Override
    public Arbitrary<Case> get() {
      return poolCases();
    }
  }

  /** {@link #oversizedCases oversizedCases(false)}, for {@code @ForAll(supplier = ...)}. */
  public static final class OversizedConvCases implements ArbitrarySupplier<Case> {
    @Override
    public Arbitrary<Case> get() {
      return oversizedCases(false);
    }
  }

  /** {@link #oversizedCases oversizedCases(true)}, for {@code @ForAll(supplier = ...)}. */
  public static final class OversizedPoolCases implements ArbitrarySupplier<Case> {
    @Override
    public Arbitrary<Case> get() {
      return oversizedCases(true);
    }
  }
}
