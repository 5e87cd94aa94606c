package org.grad4j.layers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.grad4j.autograd.TensorAssert;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Conv2d;
import org.grad4j.layers.Sequential;
import org.grad4j.layers.SmallCNN;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files written by PyTorch (with {@code struct} and {@code json}, by {@code
 * /reference/make_safetensors_reference.py}) read by grad4j, and files written by grad4j that the
 * script checked, for two models: a small convolutional {@link Sequential} and {@link SmallCNN}.
 */
class PyTorchInteropTest {
  private static final Path CHECK_DIR = Path.of("target", "safetensors-interop");
  private static final String SHA256_LINE = "sha256 of the checked file: ";

  @TempDir Path dir;

  /** The script's models; their files are named after {@link #stem()}. */
  enum Model {
    CONV(PyTorchInteropTest::convModel),
    SMALL_CNN(seed -> SmallCNN.create(new Rng(seed)));

    private final LongFunction<Sequential> architecture;

    Model(LongFunction<Sequential> architecture) {
      this.architecture = architecture;
    }

    /** The architecture, initialised from {@code seed}, not from PyTorch. */
    Sequential create(long seed) {
      return architecture.apply(seed);
    }

    /** The script's name for the model: {@code torch_<stem>_f64.safetensors} and so on. */
    String stem() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The architecture of the script's {@code conv_model}. */
  private static Sequential convModel(long seed) {
    Rng rng = new Rng(seed);
    return new Sequential(
        Conv2d.builder(2, 3, 3).padding(1).build(rng),
        Conv2d.builder(3, 2, 2, 3).stride(1, 2).bias(false).build(rng));
  }

  private Map<String, Tensor> reference(String name) throws IOException {
    return Safetensors.read(SafetensorsFiles.copyReference(name, dir)).tensors();
  }

  private static Tensor output(Sequential model, Tensor x) {
    return model.forward(new Variable(x)).data();
  }

  @ParameterizedTest
  @EnumSource(Model.class)
  void readsPyTorchsF64StateDictExactlyAndReproducesItsOutput(Model m) throws IOException {
    Path file = SafetensorsFiles.copyReference("torch_" + m.stem() + "_f64.safetensors", dir);
    Safetensors.Contents contents = Safetensors.read(file);
    assertEquals(
        Map.of("format", "pt", "source", "make_safetensors_reference.py"), contents.metadata());
    Sequential model = m.create(1);
    model.load(file);
    contents
        .tensors()
        .forEach(
            (name, t) ->
                assertTrue(
                    Arrays.equals(t.toArray(), model.stateDict().get(name).toArray()), name));

    String ioFile = "torch_" + m.stem() + "_io.safetensors";
    Map<String, Tensor> io = reference(ioFile);
    TensorAssert.assertClose(ioFile, "y", io.get("y"), output(model, io.get("x")));
  }

  @Test
  void readsPyTorchsF32StateDictWidenedExactly() throws IOException {
    Map<String, Tensor> f64 = reference("torch_conv_f64.safetensors");
    Map<String, Tensor> f32 = reference("torch_conv_f32.safetensors");
    assertEquals(f64.keySet(), f32.keySet());
    f64.forEach(
        (name, t) -> {
          Tensor rounded = t.map(v -> (float) v);
          assertTrue(Arrays.equals(rounded.toArray(), f32.get(name).toArray()), name);
          assertEquals(t.shape(), f32.get(name).shape());
        });
    Sequential model = convModel(2);
    model.loadStateDict(f32);
    f32.forEach(
        (name, t) ->
            assertTrue(Arrays.equals(t.toArray(), model.stateDict().get(name).toArray()), name));
  }

  /**
   * grad4j saves the PyTorch weights and its output on the PyTorch input under {@code
   * target/safetensors-interop/}, where {@code make_safetensors_reference.py --check} reads them.
   * The saved bytes must be those the script parsed, loaded into PyTorch and found to reproduce
   * both outputs: its report {@code grad4j_<stem>_check.txt} ends with the file's SHA-256.
   */
  @ParameterizedTest
  @EnumSource(Model.class)
  void writesTheFileThatPyTorchChecked(Model m) throws IOException {
    Sequential model = m.create(3);
    model.load(SafetensorsFiles.copyReference("torch_" + m.stem() + "_f64.safetensors", dir));
    Files.createDirectories(CHECK_DIR);
    Path out = CHECK_DIR.resolve("grad4j_" + m.stem() + ".safetensors");
    model.save(out);
    Tensor y = output(model, reference("torch_" + m.stem() + "_io.safetensors").get("x"));
    Path io = CHECK_DIR.resolve("grad4j_" + m.stem() + "_io.safetensors");
    Safetensors.write(io, Map.of("y", y), Map.of());

    String report = "grad4j_" + m.stem() + "_check.txt";
    String checked =
        Files.readAllLines(SafetensorsFiles.copyReference(report, dir)).stream()
            .filter(line -> line.startsWith(SHA256_LINE))
            .map(line -> line.substring(SHA256_LINE.length()))
            .findFirst()
            .orElseThrow(() -> new AssertionError(report + " has no line '" + SHA256_LINE + "'"));
    assertEquals(
        checked,
        sha256(out),
        () ->
            "grad4j now writes "
                + out.toAbsolutePath()
                + " differently from the file make_safetensors_reference.py checked; run the"
                + " script with --check on it and commit the new "
                + report);
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
