package org.grad4j.examples;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Image files as 28×28 grey images in the convention of Fashion-MNIST: a light object on a dark
 * background, one unsigned byte per pixel.
 */
final class ImageFiles {
  static final int SIZE = 28;

  private ImageFiles() {}

  /**
   * Reads a PNG (or any format javax.imageio reads) as {@link #toGrey} describes.
   *
   * @throws IOException if the file cannot be read or is not an image
   */
  static byte[] readGrey(Path file, boolean invert) throws IOException {
    BufferedImage image = ImageIO.read(file.toFile());
    if (image == null) {
      throw new IOException(file + ": not an image javax.imageio can read (PNG, JPEG, GIF, BMP)");
    }
    return toGrey(image, invert);
  }

  /**
   * The 28×28 grey levels of {@code image}, row-major: colours become luma ({@code 0.299 R + 0.587
   * G + 0.114 B}, as PIL's {@code convert("L")}), inverted ({@code 255 - p}) if asked; transparent
   * pixels become background (0). The image is then scaled with bilinear interpolation to fit 28×28
   * keeping its aspect ratio (halving first while it is more than twice too large, so that no pixel
   * is skipped), and centred on the background.
   */
  static byte[] toGrey(BufferedImage image, boolean invert) {
    BufferedImage small = fit(greyLevels(image, invert));
    byte[] out = new byte[SIZE * SIZE];
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        // The low byte is blue; red and green are equal to it.
        out[y * SIZE + x] = (byte) small.getRGB(x, y);
      }
    }
    return out;
  }

  /** The grey level of each pixel, in an RGB image with r = g = b, so drawing it is exact. */
  private static BufferedImage greyLevels(BufferedImage image, boolean invert) {
    ColorModel cm = image.getColorModel();
    Raster raster = image.getRaster();
    // getRGB would convert grey samples from their linear colour space to sRGB, brightening them:
    // grey images are read sample by sample.
    boolean greyModel = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        double level;
        double alpha;
        if (greyModel) {
          level = sample(raster, cm, x, y, 0);
          alpha = cm.hasAlpha() ? sample(raster, cm, x, y, 1) : 1;
        } else {
          int argb = image.getRGB(x, y);
          level =
              (0.299 * (argb >> 16 & 0xff) + 0.587 * (argb >> 8 & 0xff) + 0.114 * (argb & 0xff))
                  / 255;
          alpha = (argb >>> 24) / 255.0;
        }
        int ink = (int) Math.round(255 * alpha * (invert ? 1 - level : level));
        out.setRGB(x, y, ink * 0x010101);
      }
    }
    return out;
  }

  /** Band {@code band} of pixel (x, y), scaled to [0, 1]. */
  private static double sample(Raster raster, ColorModel cm, int x, int y, int band) {
    return raster.getSample(x, y, band) / (double) ((1 << cm.getComponentSize(band)) - 1);
  }

  private static BufferedImage fit(BufferedImage image) {
    double scale = Math.min((double) SIZE / image.getWidth(), (double) SIZE / image.getHeight());
    int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
    int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
    BufferedImage current = image;
    while (current.getWidth() / 2 >= width && current.getHeight() / 2 >= height) {
      int w = current.getWidth() / 2;
      int h = current.getHeight() / 2;
      current = draw(current, w, h, 0, 0, w, h);
    }
    return draw(current, SIZE, SIZE, (SIZE - width) / 2, (SIZE - height) / 2, width, height);
  }

  /** {@code image} scaled to {@code width × height} at (x, y) on a black canvas. */
  private static BufferedImage draw(
      BufferedImage image, int canvasWidth, int canvasHeight, int x, int y, int width, int height) {
    BufferedImage canvas = new BufferedImage(canvasWidth, canvasHeight, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(image, x, y, width, height, null);
    } finally {
      g.dispose();
    }
    return canvas;
  }
}
