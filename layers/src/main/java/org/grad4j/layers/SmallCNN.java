package org.grad4j.layers;

import java.util.random.RandomGenerator;

/**
 * The reference network of the benchmarks and the training example, for 28×28 grey-scale images and
 * 10 classes: conv(1→32, 3×3, pad 1) → ReLU → maxpool 2 → conv(32→64, 3×3, pad 1) → ReLU → maxpool
 * 2 → flatten (3136) → linear(3136→128) → ReLU → linear(128→10). 421,642 parameters.
 *
 * <p>It is a {@link Sequential} with the layer names of its PyTorch twin ({@code nn.Sequential} in
 * {@code shared/peers/torch_fmnist.py}): {@code 0.weight}, {@code 0.bias}, {@code 3.*}, {@code
 * 7.*}, {@code 9.*}, so state files move between the two.
 */
public final class SmallCNN {
  private SmallCNN() {}

  /** A new network with PyTorch's default initialisation drawn from {@code rng}. */
  public static Sequential create(RandomGenerator rng) {
    return new Sequential(
        Conv2d.builder(1, 32, 3).padding(1).build(rng),
        new ReLU(),
        new MaxPool2d(2),
        Conv2d.builder(32, 64, 3).padding(1).build(rng),
        new ReLU(),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(3136, 128, rng),
        new ReLU(),
        new Linear(128, 10, rng));
  }
}
