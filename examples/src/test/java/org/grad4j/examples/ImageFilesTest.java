package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFilesTest {
  private static final int SIZE = ImageFiles.SIZE;

  /** A 28×28 grey image whose pixel (x, y) is {@code (7x + 3y) mod 256}. */
  private static byte[] pattern() {
    byte[] pixels = new byte[SIZE * SIZE];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (7 * (i % SIZE) + 3 * (i / SIZE));
    }
    return pixels;
  }

  @Test
  void aGrey28x28ImageKeepsItsExactLevels() {
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
    byte[] pixels = pattern();
    for (int i = 0; i < pixels.length; i++) {
      image.getRaster().setSample(i % SIZE, i / SIZE, 0, Byte.toUnsignedInt(pixels[i]));
    }
    assertArrayEquals(pixels, ImageFiles.toGrey(image, false));
  }

  @Test
  void aLargerDarkOnLightColourImageIsScaledAndInverted() {
    byte[] pixels = pattern();
    BufferedImage image = new BufferedImage(2 * SIZE, 2 * SIZE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 2 * SIZE; y++) {
      for (int x = 0; x < 2 * SIZE; x++) {
        int dark = 255 - Byte.toUnsignedInt(pixels[(y / 2) * SIZE + x / 2]);
        image.setRGB(x, y, dark * 0x010101);
      }
    }
    byte[] grey = ImageFiles.toGrey(image, true);
    for (int i = 0; i < pixels.length; i++) {
      int expected = Byte.toUnsignedInt(pixels[i]);
      int actual = Byte.toUnsignedInt(grey[i]);
      assertTrue(Math.abs(expected - actual) <= 1, "pixel " + i + ": " + actual + ", " + expected);
    }
  }

  @Test
  void coloursBecomeLuma() {
    BufferedImage red = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        red.setRGB(x, y, 0xff0000);
      }
    }
    byte[] expected = new byte[SIZE * SIZE];
    Arrays.fill(expected, (byte) Math.round(0.299 * 255));
    assertArrayEquals(expected, ImageFiles.toGrey(red, false));
  }

  @Test
  void transparentPixelsAreBackgroundEvenWhenInverted() {
    BufferedImage clear = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_ARGB);
    assertArrayEquals(new byte[SIZE * SIZE], ImageFiles.toGrey(clear, false));
    assertArrayEquals(new byte[SIZE * SIZE], ImageFiles.toGrey(clear, true));
  }

  @Test
  void aWideImageIsCentredKeepingItsAspectRatio() {
    BufferedImage white = new BufferedImage(4 * SIZE, 2 * SIZE, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < white.getHeight(); y++) {
      for (int x = 0; x < white.getWidth(); x++) {
        white.setRGB(x, y, 0xffffff);
      }
    }
    byte[] grey = ImageFiles.toGrey(white, false);
    for (int y = 0; y < SIZE; y++) {
      int expected = y >= 7 && y < 21 ? 255 : 0;
      for (int x = 0; x < SIZE; x++) {
        assertEquals(expected, Byte.toUnsignedInt(grey[y * SIZE + x]), "pixel " + x + ", " + y);
      }
    }
  }

  @Test
  void aFileThatIsNoImageIsNamed(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.png"), "not a picture");
    IOException e = assertThrows(IOException.class, () -> ImageFiles.readGrey(file, false));
    assertTrue(e.getMessage().startsWith(file + ": not an image"), e.getMessage());
  }
}
