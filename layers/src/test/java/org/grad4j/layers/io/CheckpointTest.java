package org.grad4j.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path dir;

  private static Checkpoint sample() {
    Map<String, Tensor> model = new LinkedHashMap<>();
    model.put("0.weight", Tensor.arange(6).reshape(2, 3));
    model.put("0.bias", Tensor.of(new double[] {0.5, -0.5}, 2));
    Map<String, Map<String, Tensor>> sections = new LinkedHashMap<>();
    sections.put("model", model);
    sections.put("optimizer", Map.of("0.weight.momentum", Tensor.full(0.1, 2, 3)));
    sections.put("scheduler", Map.of());
    return new Checkpoint(sections, Map.of("epoch", "7", "rng", "123456789"));
  }

  @Test
  void sectionsAndMetadataSurviveTheRoundTripIncludingEmptySections() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    sample().write(file);
    Checkpoint back = Checkpoint.read(file);
    assertEquals(List.of("model", "optimizer", "scheduler"), List.copyOf(back.sections().keySet()));
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(back.section("model").keySet()));
    assertArrayEquals(
        new double[] {0, 1, 2, 3, 4, 5}, back.section("model").get("0.weight").toArray());
    assertArrayEquals(
        new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1},
        back.section("optimizer").get("0.weight.momentum").toArray());
    assertEquals(Map.of(), back.section("scheduler"));
    assertEquals(Map.of("epoch", "7", "rng", "123456789"), back.metadata());
  }

  @Test
  void theFileIsPlainSafetensorsWithPrefixedNames() throws IOException {
    Path file = dir.resolve("ckpt.safetensors");
    sample().write(file);
    Safetensors.Contents contents = Safetensors.read(file);
    assertEquals(
        List.of("model.0.weight", "model.0.bias", "optimizer.0.weight.momentum"),
        List.copyOf(contents.tensors().keySet()));
    assertEquals("model,optimizer,scheduler", contents.metadata().get(Checkpoint.SECTIONS_KEY));
  }

  @Test
  void anUnknownSectionIsAnErrorListingTheSections() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> sample().section("optimiser"));
    assertTrue(
        e.getMessage()
            .contains("no section 'optimiser'; the sections are [model, optimizer, scheduler]"),
        e.getMessage());
  }

  @Test
  void invalidSectionNamesAndTheReservedMetadataKeyAreRejected() {
    for (String name : List.of("", "a.b", "a,b")) {
      assertThrows(
          IllegalArgumentException.class, () -> new Checkpoint(Map.of(name, Map.of()), Map.of()));
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Checkpoint(Map.of(), Map.of(Checkpoint.SECTIONS_KEY, "x")));
    assertTrue(e.getMessage().contains("reserved"), e.getMessage());
  }

  @Test
  void aPlainSafetensorsFileIsNotACheckpoint() throws IOException {
    Path file = dir.resolve("plain.safetensors");
    Safetensors.write(file, Map.of("model.w", Tensor.zeros(1)), Map.of());
    SafetensorsFormatException e =
        assertThrows(SafetensorsFormatException.class, () -> Checkpoint.read(file));
    assertTrue(e.getMessage().contains("not a grad4j checkpoint"), e.getMessage());
  }

  @Test
  void aTensorOutsideTheListedSectionsIsRejected() throws IOException {
    Path file = dir.resolve("odd.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("model.w", Tensor.zeros(1));
    tensors.put("stray", Tensor.zeros(1));
    Safetensors.write(file, tensors, Map.of(Checkpoint.SECTIONS_KEY, "model"));
    SafetensorsFormatException e =
        assertThrows(SafetensorsFormatException.class, () -> Checkpoint.read(file));
    assertTrue(
        e.getMessage()
            .contains("tensor 'stray' belongs to none of the checkpoint's sections [model]"),
        e.getMessage());
  }
}
