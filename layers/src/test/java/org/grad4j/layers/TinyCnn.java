package org.grad4j.layers;

import java.util.random.RandomGenerator;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;
import org.grad4j.layers.optim.Optimizer;

/** A tiny CNN for grey square images and its full-batch training step, for the training tests. */
public final class TinyCnn {
  private TinyCnn() {}

  /**
   * conv(1→{@code channels}, 3×3, pad 1) → ReLU → maxpool 2 → flatten → linear(→{@code classes}),
   * for {@code imageSize × imageSize} images (an even size), with PyTorch's default initialisation
   * drawn from {@code rng}.
   */
  public static Sequential create(int channels, int imageSize, int classes, RandomGenerator rng) {
    int pooled = imageSize / 2;
    return new Sequential(
        Conv2d.builder(1, channels, 3).padding(1).build(rng),
        new ReLU(),
        new MaxPool2d(2),
        new Flatten(),
        new Linear(channels * pooled * pooled, classes, rng));
  }

  /**
   * One step on the whole batch: clears the gradients, computes the mean cross-entropy of {@code
   * model} on {@code x} against {@code labels}, back-propagates and updates; returns the loss
   * before the update.
   */
  public static double trainStep(Module model, Optimizer optimizer, Tensor x, int[] labels) {
    optimizer.zeroGrad();
    Variable loss = F.crossEntropy(model.forward(new Variable(x)), labels);
    loss.backward();
    optimizer.step();
    return loss.item();
  }
}
