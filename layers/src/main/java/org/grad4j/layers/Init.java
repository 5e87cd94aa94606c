package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.random.RandomGenerator;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * Weight initialisation, as {@code torch.nn.init}; every random scheme takes an explicit seeded
 * generator. Fans follow PyTorch: for a weight of shape {@code (out, in, k...)}, {@code fanIn =
 * in·∏k} and {@code fanOut = out·∏k}.
 */
public final class Init {
  private Init() {}

  /** {@code in · receptive field} of a weight of rank 2 or more. */
  public static int fanIn(Shape shape) {
    checkRank(shape);
    return shape.dim(1) * receptiveField(shape);
  }

  /** {@code out · receptive field} of a weight of rank 2 or more. */
  public static int fanOut(Shape shape) {
    checkRank(shape);
    return shape.dim(0) * receptiveField(shape);
  }

  private static int receptiveField(Shape shape) {
    return shape.size() / (shape.dim(0) * shape.dim(1));
  }

  private static void checkRank(Shape shape) {
    checkArgument(
        shape.rank() >= 2, "Init: fans need a weight of rank 2 or more, got shape %s", shape);
  }

  /** Leaky-ReLU gain {@code sqrt(2 / (1 + a²))}, PyTorch's {@code calculate_gain}. */
  public static double leakyReluGain(double a) {
    return Math.sqrt(2.0 / (1 + a * a));
  }

  /** Uniform on {@code [-bound, bound)}. */
  public static Tensor uniform(RandomGenerator rng, double bound, Shape shape) {
    return Tensor.uniform(rng, -bound, bound, shape.dims());
  }

  /**
   * Kaiming (He) uniform: bound {@code gain·sqrt(3 / fanIn)} with the leaky-ReLU gain of slope
   * {@code a}. With {@code a = √5} this is PyTorch's default for Conv2d and Linear weights, whose
   * bound simplifies to {@code 1/sqrt(fanIn)}.
   */
  public static Tensor kaimingUniform(RandomGenerator rng, double a, Shape shape) {
    return uniform(rng, leakyReluGain(a) * Math.sqrt(3.0 / fanIn(shape)), shape);
  }

  /** Kaiming (He) normal: standard deviation {@code gain / sqrt(fanIn)}. */
  public static Tensor kaimingNormal(RandomGenerator rng, double a, Shape shape) {
    return Tensor.randn(rng, shape.dims()).mul(leakyReluGain(a) / Math.sqrt(fanIn(shape)));
  }

  /** Xavier (Glorot) uniform: bound {@code sqrt(6 / (fanIn + fanOut))}. */
  public static Tensor xavierUniform(RandomGenerator rng, Shape shape) {
    return uniform(rng, Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape))), shape);
  }

  /** Xavier (Glorot) normal: standard deviation {@code sqrt(2 / (fanIn + fanOut))}. */
  public static Tensor xavierNormal(RandomGenerator rng, Shape shape) {
    return Tensor.randn(rng, shape.dims()).mul(Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))));
  }

  /** PyTorch's default weight for Conv2d and Linear: Kaiming uniform with {@code a = √5}. */
  public static Tensor defaultWeight(RandomGenerator rng, Shape shape) {
    return kaimingUniform(rng, Math.sqrt(5), shape);
  }

  /** PyTorch's default bias for Conv2d and Linear: uniform within {@code ±1/sqrt(fanIn)}. */
  public static Tensor defaultBias(RandomGenerator rng, int fanIn, int size) {
    return uniform(rng, 1 / Math.sqrt(fanIn), Shape.of(size));
  }
}
