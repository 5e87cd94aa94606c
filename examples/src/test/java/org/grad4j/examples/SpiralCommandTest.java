package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpiralCommandTest {
  @Test
  void learnsTheSpiralAndDrawsTheBoundary(@TempDir Path tmp) throws IOException {
    Cli.Result result = Cli.run("spiral", "--steps", "300", "--out", tmp.toString());
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.out().contains("step  300: loss "), result::toString);
    Matcher accuracy =
        Pattern.compile("decision boundary, accuracy ([0-9.]+)%").matcher(result.out());
    assertTrue(accuracy.find(), result::toString);
    assertTrue(Double.parseDouble(accuracy.group(1)) >= 99, result::toString);
    BufferedImage png = ImageIO.read(tmp.resolve(SpiralCommand.PNG).toFile());
    assertEquals(480, png.getWidth());
    assertEquals(480, png.getHeight());
  }

  @Test
  void rejectsAnEmptyRun(@TempDir Path tmp) {
    Cli.Result result = Cli.run("spiral", "--steps", "0", "--out", tmp.toString());
    assertEquals(2, result.exitCode(), result::toString);
    assertTrue(result.err().contains("--points and --steps must be positive"), result::toString);
  }
}
