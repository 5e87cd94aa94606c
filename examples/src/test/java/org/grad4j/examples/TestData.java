package org.grad4j.examples;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.grad4j.core.data.IdxFile;

/**
 * A {@code --data} directory for tests made from the subset embedded in the jar, so that tests
 * never depend on Debian's dataset package (which {@link TrainingData} prefers when there is no
 * {@code --data}): the embedded train set as is, and the first {@value #TEST_IMAGES} test images,
 * which keeps each evaluation short.
 */
final class TestData {
  static final int TEST_IMAGES = 100;
  static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  static final String TEST_IMAGES_FILE = "t10k-images-idx3-ubyte";
  static final String TEST_LABELS_FILE = "t10k-labels-idx1-ubyte";
  private static final String EMBEDDED = "/org/grad4j/examples/data/";

  private TestData() {}

  /** Fills {@code dir} with the four IDX files and returns it. */
  static Path create(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : new String[] {TRAIN_IMAGES, TRAIN_LABELS}) {
      try (InputStream in = resource(name)) {
        Files.copy(in, dir.resolve(name + ".gz"));
      }
    }
    write(dir, TEST_IMAGES_FILE, first(embedded(TEST_IMAGES_FILE), TEST_IMAGES));
    write(dir, TEST_LABELS_FILE, first(embedded(TEST_LABELS_FILE), TEST_IMAGES));
    return dir;
  }

  static IdxFile embedded(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return IdxFile.read(in, name);
    }
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = TestData.class.getResourceAsStream(EMBEDDED + name + ".gz");
    if (in == null) {
      throw new IOException("the embedded data " + name + ".gz is missing");
    }
    return in;
  }

  /** The first {@code n} entries of {@code file}. */
  static IdxFile first(IdxFile file, int n) {
    int[] dims = file.dims().clone();
    int entrySize = file.data().length / dims[0];
    dims[0] = n;
    return new IdxFile(dims, Arrays.copyOf(file.data(), n * entrySize));
  }

  /** Writes {@code file} uncompressed as {@code dir/name}, removing a {@code name.gz} beside it. */
  static Path write(Path dir, String name, IdxFile file) throws IOException {
    Files.deleteIfExists(dir.resolve(name + ".gz"));
    return Files.write(dir.resolve(name), bytes(file));
  }

  /** {@code file} in the IDX format: magic number, dimensions, data. */
  static byte[] bytes(IdxFile file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0x0800 | file.dims().length);
      for (int d : file.dims()) {
        out.writeInt(d);
      }
      out.write(file.data());
    }
    return bytes.toByteArray();
  }
}
