package org.grad4j.layers;

import static org.grad4j.layers.StateDictTest.model;
import static org.grad4j.layers.StateDictTest.snapshot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.io.SafetensorsFiles.Corruption;
import org.grad4j.layers.io.SafetensorsFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModuleSaveLoadTest {
  @TempDir Path dir;

  private static double[] output(Module m, Tensor x) {
    return m.forward(new Variable(x)).data().toArray();
  }

  @Test
  void saveThenLoadGivesTheSameStateAndTheSameOutputs() throws IOException {
    Sequential trained = model(1);
    trained.namedBuffers().get("1.running_mean").copyFromInPlace(Tensor.full(0.25, 4, 1, 1));
    Path file = dir.resolve("model.safetensors");
    trained.save(file);

    Sequential fresh = model(2);
    Tensor x = Tensor.randn(new Rng(3), 2, 1, 5, 6);
    assertNotEquals(snapshot(trained), snapshot(fresh));
    fresh.load(file);
    assertEquals(snapshot(trained), snapshot(fresh));
    assertArrayEquals(output(trained, x), output(fresh, x));
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void aDamagedFileLeavesTheModelUnchanged(Corruption corruption) throws IOException {
    Path file = dir.resolve("model.safetensors");
    model(2).save(file);
    corruption.applyTo(file);
    Sequential target = model(1);
    Map<String, List<Double>> before = snapshot(target);
    SafetensorsFormatException e =
        assertThrows(SafetensorsFormatException.class, () -> target.load(file));
    assertTrue(e.getMessage().contains(corruption.message), e.getMessage());
    assertEquals(before, snapshot(target));
  }

  private void assertLoadRejected(Module saved, String expectedMessage) throws IOException {
    Path file = dir.resolve("other.safetensors");
    saved.save(file);
    Sequential target = model(1);
    Map<String, List<Double>> before = snapshot(target);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> target.load(file));
    assertTrue(e.getMessage().contains(expectedMessage), e.getMessage());
    assertEquals(before, snapshot(target));
  }

  @Test
  void aMissingKeyLeavesTheModelUnchanged() throws IOException {
    Rng rng = new Rng(4);
    assertLoadRejected(
        new Sequential(
            Conv2d.builder(1, 4, 3).padding(1).bias(false).build(rng),
            new ChannelShift(4),
            Conv2d.builder(4, 2, 3).bias(false).build(rng)),
        "missing keys [0.bias]");
  }

  @Test
  void anUnexpectedKeyLeavesTheModelUnchanged() throws IOException {
    Rng rng = new Rng(5);
    assertLoadRejected(
        new Sequential(
            Conv2d.builder(1, 4, 3).padding(1).build(rng),
            new ChannelShift(4),
            Conv2d.builder(4, 2, 3).bias(false).build(rng),
            new ChannelShift(2)),
        "unexpected keys [3.weight, 3.running_mean]");
  }

  @Test
  void aShapeMismatchLeavesTheModelUnchanged() throws IOException {
    Rng rng = new Rng(6);
    assertLoadRejected(
        new Sequential(
            Conv2d.builder(1, 4, 3).padding(1).build(rng),
            new ChannelShift(4),
            Conv2d.builder(4, 2, 1).bias(false).build(rng)),
        "shape mismatch for '2.weight': expected (2,4,3,3), found (2,4,1,1)");
  }
}
