package org.grad4j.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.grad4j.layers.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The per-epoch numbers of a run as {@code metrics.csv}, {@code loss.png} and {@code accuracy.png}.
 */
final class TrainingReport {
  static final String CSV = "metrics.csv";

  private TrainingReport() {}

  static void write(Path dir, List<EpochStats> epochs) throws IOException {
    StringBuilder csv = new StringBuilder(EpochStats.CSV_HEADER).append('\n');
    epochs.forEach(e -> csv.append(e.csvRow()).append('\n'));
    AtomicFiles.write(dir.resolve(CSV), p -> Files.writeString(p, csv, StandardCharsets.UTF_8));
    plot(
        dir.resolve("loss.png"),
        "Loss per epoch",
        "cross-entropy",
        epochs,
        EpochStats::trainLoss,
        EpochStats::testLoss);
    plot(
        dir.resolve("accuracy.png"),
        "Accuracy per epoch",
        "accuracy",
        epochs,
        EpochStats::trainAccuracy,
        EpochStats::testAccuracy);
  }

  /** The epochs recorded in {@code dir}'s CSV, or none. */
  static List<EpochStats> read(Path dir) throws IOException {
    Path csv = dir.resolve(CSV);
    List<EpochStats> out = new ArrayList<>();
    if (Files.isRegularFile(csv)) {
      List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        out.add(EpochStats.parse(line));
      }
    }
    return out;
  }

  private static void plot(
      Path target,
      String title,
      String yLabel,
      List<EpochStats> epochs,
      ToDoubleFunction<EpochStats> train,
      ToDoubleFunction<EpochStats> test)
      throws IOException {
    XYChart chart =
        new XYChartBuilder()
            .width(640)
            .height(420)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle(yLabel)
            .build();
    chart.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0.000");
    double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
    chart
        .addSeries("train", x, epochs.stream().mapToDouble(train).toArray())
        .setMarker(SeriesMarkers.CIRCLE);
    chart
        .addSeries("test", x, epochs.stream().mapToDouble(test).toArray())
        .setMarker(SeriesMarkers.DIAMOND);
    AtomicFiles.write(
        target,
        p -> {
          try (OutputStream out = Files.newOutputStream(p)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
          }
        });
  }
}
