package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.grad4j.core.data.IdxFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of train, then of evaluate and predict on the run it saved. */
class TrainEvaluatePredictTest {
  @TempDir static Path tmp;
  static Path data;
  static Path run;
  static Cli.Result training;

  @BeforeAll
  static void train() throws IOException {
    data = TestData.create(tmp.resolve("data"));
    run = tmp.resolve("run");
    training =
        Cli.run(
            "train",
            "--limit",
            "256",
            "--epochs",
            "1",
            "--no-progress",
            "--out",
            run.toString(),
            "--data",
            data.toString());
  }

  @Test
  void trainWritesMetricsPlotsAndCheckpoints() throws IOException {
    assertEquals(0, training.exitCode(), training::toString);
    String sizes = "training on 256 images, testing on 100";
    assertTrue(training.out().contains(sizes), training::toString);
    for (String name : new String[] {Trainer.CHECKPOINT, Trainer.MODEL, TrainingReport.CSV}) {
      assertTrue(Files.size(run.resolve(name)) > 0, name);
    }
    for (String name : new String[] {"loss.png", "accuracy.png"}) {
      assertNotNull(ImageIO.read(run.resolve(name).toFile()), name);
    }
    List<String> csv = Files.readAllLines(run.resolve(TrainingReport.CSV));
    assertEquals(2, csv.size(), csv::toString);
    assertEquals(EpochStats.CSV_HEADER, csv.get(0));
  }

  @Test
  void evaluateReadsARunDirectoryACheckpointOrAModel() throws IOException {
    EpochStats epoch = TrainingReport.read(run).get(0);
    String accuracy = String.format("accuracy %.2f%%", 100 * epoch.testAccuracy());
    String checkpoint = run.resolve(Trainer.CHECKPOINT).toString();
    String model = run.resolve(Trainer.MODEL).toString();
    String report = null;
    for (String target : List.of(run.toString(), checkpoint, model)) {
      Cli.Result result = evaluate(target);
      assertEquals(0, result.exitCode(), result::toString);
      String out = result.out();
      String source = target.equals(model) ? model : checkpoint + " (after epoch 1)";
      assertTrue(out.startsWith("model: SmallCNN from " + source + "\n"), out);
      assertTrue(out.contains("test set: 100 images"), out);
      assertTrue(out.contains(accuracy), () -> "expected <" + accuracy + "> in\n" + out);
      assertTrue(out.contains(" Ankle boot ") && out.contains("   accuracy\n"), out);
      String fromTestSet = out.substring(out.indexOf("test set:"));
      if (report != null) {
        assertEquals(report, fromTestSet, target);
      }
      report = fromTestSet;
    }
  }

  @Test
  void evaluateNamesADirectoryWithoutCheckpoint() {
    Cli.Result result = evaluate(data.toString());
    assertEquals(1, result.exitCode(), result::toString);
    String message = data + ": neither checkpoint.safetensors nor model.safetensors found";
    assertTrue(result.err().contains(message), result::toString);
  }

  @Test
  void aMissingFileIsNamedAsMissing() {
    Path missing = data.resolve("no-such.safetensors");
    Cli.Result evaluated = evaluate(missing.toString());
    assertEquals(1, evaluated.exitCode(), evaluated::toString);
    assertTrue(evaluated.err().contains(missing + ": no such file"), evaluated::toString);
    Cli.Result resumed = Cli.run("train", "--resume", data.toString(), "--no-progress");
    assertEquals(1, resumed.exitCode(), resumed::toString);
    assertTrue(
        resumed.err().contains(data.resolve("checkpoint.safetensors") + ": no such file"),
        resumed::toString);
  }

  @Test
  void predictClassifiesIdxImagesAndAgreesWithEvaluate() {
    Cli.Result evaluated = evaluate(run.toString());
    Matcher overall = Pattern.compile("overall accuracy (.*)").matcher(evaluated.out());
    assertTrue(overall.find(), evaluated::toString);

    Cli.Result predicted = predictTestSet();
    assertEquals(0, predicted.exitCode(), predicted::toString);
    List<String> lines = predicted.out().lines().toList();
    assertEquals(1 + 1 + TestData.TEST_IMAGES + 1, lines.size(), predicted::toString);
    assertTrue(lines.get(1).startsWith("image  prediction"), predicted::toString);
    assertEquals("accuracy " + overall.group(1), lines.get(lines.size() - 1));
    for (int i = 0; i < TestData.TEST_IMAGES; i++) {
      List<String> cells = cells(lines.get(2 + i));
      assertEquals(Integer.toString(i), cells.get(0));
      assertTrue(DataKind.FASHION.classNames.contains(cells.get(1)), cells::toString);
      double p = Double.parseDouble(cells.get(2));
      assertTrue(p >= 0.1 && p <= 1, cells::toString); // the largest of 10 probabilities
      assertTrue(DataKind.FASHION.classNames.contains(cells.get(3)), cells::toString);
    }
  }

  @Test
  void predictHonoursLimit() {
    Cli.Result result =
        Cli.run(
            "predict",
            "--checkpoint",
            run.resolve(Trainer.MODEL).toString(),
            "--images",
            data.resolve(TestData.TEST_IMAGES_FILE).toString(),
            "--limit",
            "3");
    assertEquals(0, result.exitCode(), result::toString);
    List<String> rows = result.out().lines().skip(2).toList();
    assertEquals(List.of("0", "1", "2"), rows.stream().map(r -> cells(r).get(0)).toList());
  }

  /** Test image 0 as a grey PNG, and as a dark-on-light colour PNG classified with --invert. */
  @Test
  void predictGivesPngFilesTheAnswerOfTheIdxImage() throws IOException {
    IdxFile images = TestData.embedded(TestData.TEST_IMAGES_FILE);
    int size = ImageFiles.SIZE;
    BufferedImage grey = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage darkOnLight = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        int p = Byte.toUnsignedInt(images.data()[y * size + x]);
        grey.getRaster().setSample(x, y, 0, p);
        darkOnLight.setRGB(x, y, (255 - p) * 0x010101);
      }
    }
    Path greyPng = tmp.resolve("first test image.png");
    Path darkPng = tmp.resolve("dark on light.png");
    ImageIO.write(grey, "png", greyPng.toFile());
    ImageIO.write(darkOnLight, "png", darkPng.toFile());

    List<String> expected = cells(predictTestSet().out().lines().toList().get(2)).subList(1, 3);
    Cli.Result plain = Cli.run("predict", "--checkpoint", run.toString(), greyPng.toString());
    Cli.Result inverted =
        Cli.run("predict", "--checkpoint", run.toString(), "--invert", darkPng.toString());
    for (Cli.Result result : List.of(plain, inverted)) {
      assertEquals(0, result.exitCode(), result::toString);
      List<String> lines = result.out().lines().toList();
      assertEquals(3, lines.size(), result::toString);
      assertEquals(expected, cells(lines.get(2)).subList(1, 3), result::toString);
    }
    assertEquals(greyPng.toString(), cells(plain.out().lines().toList().get(2)).get(0));
  }

  @Test
  void predictExplainsWhatItNeeds() {
    Cli.Result nothing = Cli.run("predict", "--checkpoint", run.toString());
    assertEquals(2, nothing.exitCode(), nothing::toString);
    assertTrue(nothing.err().contains("nothing to classify"), nothing::toString);
    Cli.Result labelsOnly =
        Cli.run("predict", "--checkpoint", run.toString(), "--labels", "l.idx", "a.png");
    assertEquals(2, labelsOnly.exitCode(), labelsOnly::toString);
    String message = "--labels and --limit need --images";
    assertTrue(labelsOnly.err().contains(message), labelsOnly::toString);
  }

  private static Cli.Result evaluate(String checkpoint) {
    return Cli.run("evaluate", "--checkpoint", checkpoint, "--data", data.toString());
  }

  private static Cli.Result predictTestSet() {
    return Cli.run(
        "predict",
        "--checkpoint",
        run.toString(),
        "--images",
        data.resolve(TestData.TEST_IMAGES_FILE).toString(),
        "--labels",
        data.resolve(TestData.TEST_LABELS_FILE).toString());
  }

  /** The cells of a table row: text separated by two spaces or more. */
  private static List<String> cells(String row) {
    return List.of(row.trim().split("\\s{2,}"));
  }
}
