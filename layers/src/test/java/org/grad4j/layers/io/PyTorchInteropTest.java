package org.grad4j.layers.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.grad4j.autograd.TensorAssert;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.Conv2d;
import org.grad4j.layers.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by PyTorch (with {@code struct} and {@code json}, by {@code
 * /reference/make_safetensors_reference.py}) read by grad4j, and a file written by grad4j that the
 * script checked.
 */
class PyTorchInteropTest {
  @TempDir Path dir;

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

  @Test
  void readsPyTorchsF64StateDictExactlyAndReproducesItsOutput() throws IOException {
    Path file = SafetensorsFiles.copyReference("torch_conv_f64.safetensors", dir);
    Safetensors.Contents contents = Safetensors.read(file);
    assertEquals(
        Map.of("format", "pt", "source", "make_safetensors_reference.py"), contents.metadata());
    Sequential model = convModel(1);
    model.load(file);
    contents
        .tensors()
        .forEach(
            (name, t) ->
                assertTrue(
                    Arrays.equals(t.toArray(), model.stateDict().get(name).toArray()), name));

    Map<String, Tensor> io = reference("torch_conv_io.safetensors");
    Tensor y = model.forward(new Variable(io.get("x"))).data();
    TensorAssert.assertClose("torch_conv_io", "y", io.get("y"), y);
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
   * grad4j saves the PyTorch weights; the bytes must equal {@code grad4j_conv.safetensors}, the
   * file the script parsed and loaded into PyTorch (its report: {@code grad4j_conv_check.txt}).
   */
  @Test
  void writesTheFileThatPyTorchChecked() throws IOException {
    Sequential model = convModel(3);
    model.load(SafetensorsFiles.copyReference("torch_conv_f64.safetensors", dir));
    Path out = Path.of("target", "safetensors-interop", "grad4j_conv.safetensors");
    Files.createDirectories(out.getParent());
    model.save(out);
    Path checked = SafetensorsFiles.copyReference("grad4j_conv.safetensors", dir);
    if (!Arrays.equals(Files.readAllBytes(checked), Files.readAllBytes(out))) {
      fail(
          "grad4j now writes "
              + out.toAbsolutePath()
              + " differently from the committed reference/grad4j_conv.safetensors; copy it over"
              + " the reference and run make_safetensors_reference.py --check on it");
    }
  }
}
