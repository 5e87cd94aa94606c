package org.grad4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.grad4j.autograd.F;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Tensor;
import org.grad4j.core.data.DataLoader;
import org.grad4j.core.data.Dataset;
import org.grad4j.core.data.IdxFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Classifies images with a trained SmallCNN: one line per image with class and probability. */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description = {
      "Classify images with a trained SmallCNN: one line per image with the predicted class and its"
          + " softmax probability.",
      "Images come from an IDX file (--images, with --labels also the accuracy) or from image files"
          + " (PNG, or any format javax.imageio reads): colours become grey, and an image that is"
          + " not 28x28 is scaled (bilinear) to fit 28x28 keeping its aspect ratio.",
      "Fashion-MNIST images are light objects on a dark background: give --invert for dark"
          + " objects on a light background, such as a photo on white paper."
    })
final class PredictCommand implements Callable<Integer> {
  @Mixin ComputeOptions compute;

  private static final int BATCH = 500;

  @Spec CommandSpec spec;

  @Mixin CheckpointOption checkpoint;

  @Mixin DatasetOption dataset;

  @Option(
      names = "--images",
      paramLabel = "FILE.idx[.gz]",
      description = "An IDX file of 28x28 images, gzipped or not (as t10k-images-idx3-ubyte.gz).")
  Path idxImages;

  @Option(
      names = "--labels",
      paramLabel = "FILE.idx[.gz]",
      description = "The IDX labels of --images: each line shows the label, and the accuracy last.")
  Path idxLabels;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Classify the first N images of --images only (0: all).")
  int limit;

  @Option(
      names = "--invert",
      description = "Invert the grey levels (255 - p): for dark objects on a light background.")
  boolean invert;

  @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files to classify.")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    checkUsage();
    TrainedModel trained = checkpoint.load();
    Dataset images = idxImages != null ? fromIdx() : fromFiles();
    if (limit > 0) {
      images = images.limit(limit);
    }
    System.out.println("model: " + trained.description());
    int[] predicted = new int[images.size()];
    double[] probability = new double[images.size()];
    DataLoader loader = new DataLoader(images, BATCH, false, 0, 0, 1);
    int next = 0;
    try (var noGrad = GradMode.disabled()) {
      for (DataLoader.Batch batch : loader.epoch(0)) {
        Variable logits = trained.model().forward(new Variable(batch.images()));
        Tensor probabilities = F.softmax(logits, 1).data();
        int[] classes = F.argmax(logits, 1);
        for (int i = 0; i < classes.length; i++, next++) {
          predicted[next] = classes[i];
          probability[next] = probabilities.get(i, classes[i]);
        }
      }
    }
    print(images, predicted, probability);
    return 0;
  }

  private void checkUsage() {
    if (idxImages == null && files.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "nothing to classify: give --images FILE.idx[.gz] or image files");
    }
    if (idxImages != null && !files.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "give either --images FILE.idx[.gz] or image files, not both");
    }
    if (idxImages == null && (idxLabels != null || limit != 0)) {
      throw new ParameterException(spec.commandLine(), "--labels and --limit need --images");
    }
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "--limit must not be negative: " + limit);
    }
  }

  private Dataset fromIdx() throws IOException {
    IdxFile images = IdxFile.read(idxImages);
    if (invert) {
      byte[] inverted = images.data().clone();
      for (int i = 0; i < inverted.length; i++) {
        inverted[i] = (byte) (255 - Byte.toUnsignedInt(inverted[i]));
      }
      images = new IdxFile(images.dims(), inverted);
    }
    IdxFile labels = idxLabels != null ? IdxFile.read(idxLabels) : unlabelled(images.dims()[0]);
    String source = idxImages + (idxLabels != null ? " with " + idxLabels : "");
    Dataset data = Dataset.of(images, labels, source, dataset.kind.classNames);
    if (data.rows() != ImageFiles.SIZE || data.cols() != ImageFiles.SIZE) {
      throw new IOException(
          String.format(
              "%s: the images are %dx%d, but SmallCNN takes %dx%d",
              idxImages, data.rows(), data.cols(), ImageFiles.SIZE, ImageFiles.SIZE));
    }
    return data;
  }

  private Dataset fromFiles() throws IOException {
    int area = ImageFiles.SIZE * ImageFiles.SIZE;
    byte[] pixels = new byte[files.size() * area];
    for (int i = 0; i < files.size(); i++) {
      System.arraycopy(ImageFiles.readGrey(files.get(i), invert), 0, pixels, i * area, area);
    }
    int[] dims = {files.size(), ImageFiles.SIZE, ImageFiles.SIZE};
    IdxFile images = new IdxFile(dims, pixels);
    return Dataset.of(images, unlabelled(files.size()), "image files", dataset.kind.classNames);
  }

  /** Placeholder labels (class 0, never shown): a Dataset holds labelled images. */
  private static IdxFile unlabelled(int count) {
    return new IdxFile(new int[] {count}, new byte[count]);
  }

  private void print(Dataset images, int[] predicted, double[] probability) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      names.add(idxImages != null ? Integer.toString(i) : files.get(i).toString());
    }
    int nameWidth = Math.max(5, names.stream().mapToInt(String::length).max().orElse(0));
    int classWidth = dataset.kind.classNames.stream().mapToInt(String::length).max().orElse(0);
    String row = "%-" + nameWidth + "s  %-" + classWidth + "s  %11s";
    String labelHeader = idxLabels != null ? "  label" : "";
    System.out.printf(row + "%s%n", "image", "prediction", "probability", labelHeader);
    int correct = 0;
    for (int i = 0; i < images.size(); i++) {
      String label = "";
      if (idxLabels != null) {
        boolean right = images.label(i) == predicted[i];
        correct += right ? 1 : 0;
        String name = dataset.kind.classNames.get(images.label(i));
        label = "  " + (right ? name : String.format("%-" + classWidth + "s  ✗", name));
      }
      System.out.printf(
          row + "%s%n",
          names.get(i),
          dataset.kind.classNames.get(predicted[i]),
          String.format("%.4f", probability[i]),
          label);
    }
    if (idxLabels != null) {
      System.out.printf(
          "accuracy %.2f%% (%,d of %,d)%n",
          100.0 * correct / images.size(), correct, images.size());
    }
  }
}
