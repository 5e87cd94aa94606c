package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.grad4j.core.data.IdxFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken file in a {@code --data} directory stops train with a message naming the file. */
class CorruptDataTest {
  @TempDir Path tmp;

  @Test
  void wrongMagicNumber() throws IOException {
    Path data = TestData.create(tmp.resolve("data"));
    byte[] bytes = TestData.bytes(TestData.embedded(TestData.TRAIN_IMAGES));
    bytes[0] = 0x12;
    bytes[1] = 0x34;
    Path file = Files.write(data.resolve(TestData.TRAIN_IMAGES), bytes);
    Files.delete(data.resolve(TestData.TRAIN_IMAGES + ".gz"));
    assertTrainFails(data, file + ": not an IDX file (magic number 0x12340803)");
  }

  @Test
  void truncatedGzippedFile() throws IOException {
    Path data = TestData.create(tmp.resolve("data"));
    ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
      out.write(TestData.bytes(TestData.embedded(TestData.TEST_IMAGES_FILE)));
    }
    byte[] half = Arrays.copyOf(gzipped.toByteArray(), gzipped.size() / 2);
    Path file = Files.write(data.resolve(TestData.TEST_IMAGES_FILE + ".gz"), half);
    assertTrainFails(
        data, file + ": truncated IDX file: dimensions [1000, 28, 28] need 784000 bytes of data");
  }

  @Test
  void imageAndLabelCountsDisagree() throws IOException {
    Path data = TestData.create(tmp.resolve("data"));
    IdxFile labels = TestData.embedded(TestData.TEST_LABELS_FILE);
    IdxFile fewer = TestData.first(labels, TestData.TEST_IMAGES - 1);
    Path file = TestData.write(data, TestData.TEST_LABELS_FILE, fewer);
    Path images = data.resolve(TestData.TEST_IMAGES_FILE);
    assertTrainFails(
        data,
        images + " with " + file + ": 100 images but 99 labels; the files do not belong together");
  }

  private void assertTrainFails(Path data, String message) {
    Path out = tmp.resolve("run");
    Cli.Result result =
        Cli.run(
            "train",
            "--limit",
            "64",
            "--epochs",
            "1",
            "--no-progress",
            "--data",
            data.toString(),
            "--out",
            out.toString());
    assertNotEquals(0, result.exitCode(), result::toString);
    assertTrue(result.err().contains(message), () -> "expected <" + message + "> in " + result);
    assertFalse(Files.exists(out), "nothing is written");
  }
}
