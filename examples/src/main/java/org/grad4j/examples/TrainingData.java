package org.grad4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.grad4j.core.data.Dataset;
import org.grad4j.core.data.IdxFile;

/**
 * The train and test sets, from the first of: {@code --data DIR}; the full Fashion-MNIST set of
 * Debian's {@code dataset-fashion-mnist} package; the class-balanced subset embedded in the jar.
 *
 * @param description which data this is, for the user
 */
record TrainingData(Dataset train, Dataset test, String description) {
  static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
  private static final String EMBEDDED = "/org/grad4j/examples/data/";
  private static final String HOW_TO_GET_THE_FULL_SET =
      "for the full set: apt-get install dataset-fashion-mnist, or --data DIR with the IDX files";

  /**
   * @param dataDir the directory given with {@code --data}, or {@code null}
   */
  static TrainingData load(Path dataDir, DataKind kind) throws IOException {
    if (dataDir != null) {
      return fromDirectory(dataDir, kind, kind.title + " from " + dataDir);
    }
    if (kind == DataKind.FASHION && Files.isDirectory(DEBIAN_DIR)) {
      return fromDirectory(DEBIAN_DIR, kind, "full Fashion-MNIST from " + DEBIAN_DIR);
    }
    if (kind != DataKind.FASHION) {
      throw new IOException(kind.title + " is not embedded: give its IDX files with --data DIR");
    }
    return embeddedFashion();
  }

  /** The class-balanced Fashion-MNIST subset shipped in the jar. */
  static TrainingData embeddedFashion() throws IOException {
    List<String> names = DataKind.FASHION.classNames;
    Dataset train =
        Dataset.of(embedded("train-images"), embedded("train-labels"), "embedded train set", names);
    Dataset test =
        Dataset.of(embedded("t10k-images"), embedded("t10k-labels"), "embedded test set", names);
    return new TrainingData(
        train,
        test,
        String.format(
            "the embedded Fashion-MNIST subset (%,d train / %,d test images, class-balanced); %s",
            train.size(), test.size(), HOW_TO_GET_THE_FULL_SET));
  }

  private static TrainingData fromDirectory(Path dir, DataKind kind, String description)
      throws IOException {
    return new TrainingData(split(dir, "train", kind), split(dir, "t10k", kind), description);
  }

  private static Dataset split(Path dir, String prefix, DataKind kind) throws IOException {
    Path images = find(dir, prefix + "-images-idx3-ubyte");
    Path labels = find(dir, prefix + "-labels-idx1-ubyte");
    return Dataset.of(
        IdxFile.read(images), IdxFile.read(labels), images + " with " + labels, kind.classNames);
  }

  /** {@code name} or {@code name.gz} in {@code dir}. */
  static Path find(Path dir, String name) throws IOException {
    for (String candidate : new String[] {name + ".gz", name}) {
      Path p = dir.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IOException(
        String.format(
            "%s: neither %s.gz nor %s found; expected the four IDX files of MNIST or Fashion-MNIST",
            dir, name, name));
  }

  private static IdxFile embedded(String name) throws IOException {
    String resource =
        EMBEDDED + name + (name.endsWith("images") ? "-idx3-ubyte.gz" : "-idx1-ubyte.gz");
    try (InputStream in = TrainingData.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("the embedded data " + resource + " is missing from the jar");
      }
      return IdxFile.read(in, "embedded " + resource);
    }
  }
}
