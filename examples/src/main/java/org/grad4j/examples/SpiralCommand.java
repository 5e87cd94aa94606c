package org.grad4j.examples;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ClassLabels;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Linear;
import org.grad4j.layers.Module;
import org.grad4j.layers.ReLU;
import org.grad4j.layers.Sequential;
import org.grad4j.layers.io.AtomicFiles;
import org.grad4j.layers.optim.Adam;
import org.grad4j.layers.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Trains a small MLP on two interleaved spirals, full batch with Adam, and draws its decision
 * boundary: the smallest complete training program, with no files to read.
 */
@Command(
    name = "spiral",
    mixinStandardHelpOptions = true,
    description = {
      "Train an MLP (2 -> 32 -> ReLU -> 32 -> ReLU -> 2) on a generated two-class spiral with Adam"
          + " and write its decision boundary to OUT/spiral.png. Takes a few seconds."
    })
final class SpiralCommand implements Callable<Integer> {
  static final String PNG = "spiral.png";
  private static final int HIDDEN = 32;
  private static final int IMAGE_SIZE = 480;
  private static final double ANGLE_NOISE = 0.2;
  private static final Color[] AREA = {new Color(0xb9d3ee), new Color(0xf9d4b0)};
  private static final Color[] POINT = {new Color(0x1f77b4), new Color(0xd95f02)};

  @Spec CommandSpec spec;

  @Option(
      names = "--points",
      defaultValue = "200",
      description = "Points per class (default: ${DEFAULT-VALUE}).")
  int points;

  @Option(
      names = "--steps",
      defaultValue = "1000",
      description = "Adam steps, each on all points (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--lr",
      defaultValue = "0.01",
      description = "Learning rate (default: ${DEFAULT-VALUE}).")
  double lr;

  @Option(
      names = "--seed",
      defaultValue = "0",
      description = "Seed of the points and the initial weights (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      defaultValue = "runs/spiral",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws IOException {
    if (points < 1 || steps < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--points and --steps must be positive, got " + points + " and " + steps);
    }
    Rng rng = new Rng(seed);
    int[] labels = new int[2 * points];
    Tensor xy = spiral(rng, labels);
    Module model =
        new Sequential(
            new Linear(2, HIDDEN, rng),
            new ReLU(),
            new Linear(HIDDEN, HIDDEN, rng),
            new ReLU(),
            new Linear(HIDDEN, 2, rng));
    Optimizer adam = Adam.builder().lr(lr).build(model.parameters());
    System.out.printf(
        "spiral: %d points in 2 classes; MLP with %,d parameters; Adam lr %s, %d steps%n",
        labels.length, model.parameterCount(), lr, steps);
    double accuracy = 0;
    for (int step = 1; step <= steps; step++) {
      adam.zeroGrad();
      Variable logits = model.forward(new Variable(xy));
      Variable loss = F.crossEntropy(logits, labels);
      loss.backward();
      adam.step();
      accuracy = accuracy(logits, labels);
      if (step % Math.max(1, steps / 10) == 0 || step == steps) {
        System.out.printf(
            "step %4d: loss %.4f, accuracy %.2f%%%n", step, loss.item(), 100 * accuracy);
      }
    }
    Path png = out.resolve(PNG);
    BufferedImage image = draw(model, xy, labels);
    AtomicFiles.write(png, p -> ImageIO.write(image, "png", p.toFile()));
    System.out.printf("wrote %s: the decision boundary, accuracy %.2f%%%n", png, 100 * accuracy);
    return 0;
  }

  /**
   * Two interleaved spirals of {@code points} each, 1.5 turns from the centre to radius 1, with
   * Gaussian noise on the angle; fills {@code labels} and returns the points as {@code (2n, 2)}.
   */
  private Tensor spiral(Rng rng, int[] labels) {
    double[] xy = new double[2 * labels.length];
    for (int c = 0; c < 2; c++) {
      for (int i = 0; i < points; i++) {
        int k = c * points + i;
        double r = (i + 0.5) / points;
        double angle = 3 * Math.PI * r + c * Math.PI + ANGLE_NOISE * rng.nextGaussian();
        xy[2 * k] = r * Math.cos(angle);
        xy[2 * k + 1] = r * Math.sin(angle);
        labels[k] = c;
      }
    }
    return Tensor.of(xy, labels.length, 2);
  }

  private static double accuracy(Variable logits, int[] labels) {
    return (double) ClassLabels.countCorrect(F.argmax(logits, 1), labels) / labels.length;
  }

  /** The plane coloured by the probability of each class, with the points on top. */
  private static BufferedImage draw(Module model, Tensor xy, int[] labels) {
    double extent = 1.15 * xy.map(Math::abs).max(false, 0, 1).item();
    BufferedImage image = new BufferedImage(IMAGE_SIZE, IMAGE_SIZE, BufferedImage.TYPE_INT_RGB);
    double[] row = new double[2 * IMAGE_SIZE];
    try (var noGrad = GradMode.disabled()) {
      for (int py = 0; py < IMAGE_SIZE; py++) {
        for (int px = 0; px < IMAGE_SIZE; px++) {
          row[2 * px] = toPlane(px, extent);
          row[2 * px + 1] = -toPlane(py, extent);
        }
        Tensor p = F.softmax(model.forward(new Variable(Tensor.of(row, IMAGE_SIZE, 2))), 1).data();
        for (int px = 0; px < IMAGE_SIZE; px++) {
          image.setRGB(px, py, mix(AREA[0], AREA[1], p.get(px, 1)));
        }
      }
    }
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setStroke(new BasicStroke(1f));
      double radius = 3.5;
      for (int k = 0; k < labels.length; k++) {
        Ellipse2D dot =
            new Ellipse2D.Double(
                toPixel(xy.get(k, 0), extent) - radius,
                toPixel(-xy.get(k, 1), extent) - radius,
                2 * radius,
                2 * radius);
        g.setColor(POINT[labels[k]]);
        g.fill(dot);
        g.setColor(Color.WHITE);
        g.draw(dot);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The plane coordinate of a pixel's centre; the image spans {@code [-extent, extent]}. */
  private static double toPlane(int pixel, double extent) {
    return ((pixel + 0.5) / IMAGE_SIZE * 2 - 1) * extent;
  }

  private static double toPixel(double coordinate, double extent) {
    return (coordinate / extent + 1) / 2 * IMAGE_SIZE;
  }

  /** The colour {@code t} of the way from {@code a} to {@code b}, as RGB. */
  private static int mix(Color a, Color b, double t) {
    int r = (int) Math.round(a.getRed() + t * (b.getRed() - a.getRed()));
    int g = (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen()));
    int bl = (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue()));
    return r << 16 | g << 8 | bl;
  }
}
