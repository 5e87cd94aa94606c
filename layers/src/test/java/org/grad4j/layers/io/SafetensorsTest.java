package org.grad4j.layers.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.grad4j.core.Rng;
import org.grad4j.core.Tensor;
import org.grad4j.layers.io.SafetensorsFiles.Corruption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SafetensorsTest {
  @TempDir Path dir;

  private static Map<String, Tensor> sample() {
    Rng rng = new Rng(11);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("conv.weight", Tensor.randn(rng, 2, 1, 3, 3));
    tensors.put("special", Tensor.of(new double[] {Double.NaN, -0.0, Double.NEGATIVE_INFINITY}, 3));
    tensors.put("scalar", Tensor.scalar(0.1));
    tensors.put("empty", Tensor.zeros(0, 4));
    tensors.put("a.bias", Tensor.randn(rng, 2));
    return tensors;
  }

  private static void assertBitIdentical(Map<String, Tensor> expected, Map<String, Tensor> actual) {
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(actual.keySet()));
    expected.forEach(
        (name, t) -> {
          Tensor a = actual.get(name);
          assertEquals(t.shape(), a.shape(), name);
          double[] e = t.toArray();
          double[] v = a.toArray();
          for (int i = 0; i < e.length; i++) {
            assertEquals(
                Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(v[i]), name + "@" + i);
          }
        });
  }

  private List<Path> filesInDir() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  @Test
  void roundTripKeepsOrderBitsShapesAndMetadata() throws IOException {
    Path file = dir.resolve("t.safetensors");
    Map<String, String> metadata = Map.of("epoch", "3", "note", "ünïcode ✓");
    Safetensors.write(file, sample(), metadata);
    Safetensors.Contents back = Safetensors.read(file);
    assertBitIdentical(sample(), back.tensors());
    assertEquals(metadata, back.metadata());
    assertEquals(List.of(file), filesInDir());
  }

  @Test
  void headerIsPaddedToEightBytesAndDescribesF64InMapOrder() throws IOException {
    Path file = dir.resolve("t.safetensors");
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("w", Tensor.arange(6).reshape(2, 3));
    tensors.put("b", Tensor.of(new double[] {0.5}, 1));
    Safetensors.write(file, tensors, Map.of("k", "v"));
    byte[] bytes = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    assertEquals(0, n % 8);
    assertEquals(8 + n + 7 * 8, bytes.length);
    assertEquals(
        "{\"__metadata__\":{\"k\":\"v\"},"
            + "\"w\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,48]},"
            + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[48,56]}}",
        new String(bytes, 8, (int) n, StandardCharsets.UTF_8).strip());
    ByteBuffer all = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1.0, all.getDouble(8 + (int) n + 8));
    assertEquals(0.5, all.getDouble(8 + (int) n + 48));
  }

  @Test
  void readsF32WidenedExactlyWithOffsetsInAnyHeaderOrder() throws IOException {
    ByteBuffer data = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    data.putDouble(-2.5).putFloat(0.1f).putFloat(3f).putFloat(-1e-3f);
    String header =
        "{\"f\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},"
            + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}   ";
    Path file = dir.resolve("f32.safetensors");
    Files.write(file, SafetensorsFiles.raw(header, data.array()));
    Safetensors.Contents back = Safetensors.read(file);
    assertEquals(List.of("f", "d"), List.copyOf(back.tensors().keySet()));
    assertArrayEquals(new double[] {0.1f, 3f, -1e-3f}, back.tensors().get("f").toArray());
    assertEquals(-2.5, back.tensors().get("d").item());
    assertEquals(Map.of(), back.metadata());
  }

  @ParameterizedTest
  @EnumSource(Corruption.class)
  void damagedFilesAreRejectedNamingTheFileAndTheProblem(Corruption corruption) throws IOException {
    Path file = dir.resolve("damaged.safetensors");
    Safetensors.write(file, sample(), Map.of());
    corruption.applyTo(file);
    SafetensorsFormatException e =
        assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file));
    assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(corruption.message), e.getMessage());
    assertEquals(file, e.file());
  }

  @Test
  void duplicateNamesInTheHeaderAreRejected() throws IOException {
    String info = "{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}";
    Path file = dir.resolve("dup.safetensors");
    Files.write(file, SafetensorsFiles.raw("{\"a\":" + info + ",\"a\":" + info + "}", new byte[8]));
    SafetensorsFormatException e =
        assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(file));
    assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
  }

  @Test
  void invalidArgumentsFailBeforeTouchingTheDisk() throws IOException {
    Path file = dir.resolve("t.safetensors");
    Safetensors.write(file, sample(), Map.of());
    byte[] before = Files.readAllBytes(file);
    Map<String, Tensor> reserved = Map.of(Safetensors.METADATA_KEY, Tensor.zeros(1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Safetensors.write(file, reserved, Map.of()));
    assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    Map<String, Tensor> withNull = new LinkedHashMap<>(sample());
    withNull.put("missing", null);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Safetensors.write(file, withNull, Map.of()));
    assertTrue(e.getMessage().contains("'missing' is null"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), filesInDir());
  }

  @Test
  void aWriteInterruptedMidwayKeepsThePreviousFileAndLeavesNoTemporaryFile() throws IOException {
    Path file = dir.resolve("t.safetensors");
    Safetensors.write(file, sample(), Map.of("version", "1"));
    byte[] before = Files.readAllBytes(file);
    Thread.currentThread().interrupt();
    try {
      assertThrows(
          ClosedByInterruptException.class,
          () -> Safetensors.write(file, Map.of("other", Tensor.ones(5)), Map.of("version", "2")));
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt is still pending");
    }
    assertArrayEquals(before, Files.readAllBytes(file));
    assertEquals(List.of(file), filesInDir());
    assertEquals("1", Safetensors.read(file).metadata().get("version"));
  }

  @Test
  void aFailedMoveIntoPlaceDeletesTheFullyWrittenTemporaryFile() throws IOException {
    Path occupied = Files.createDirectory(dir.resolve("occupied"));
    Path inside = Files.createFile(occupied.resolve("keep"));
    assertThrows(IOException.class, () -> Safetensors.write(occupied, sample(), Map.of()));
    assertTrue(Files.exists(inside));
    assertEquals(List.of(occupied), filesInDir());
  }

  @Test
  void replacingAnExistingFileLeavesOnlyTheNewContents() throws IOException {
    Path file = dir.resolve("t.safetensors");
    Safetensors.write(file, sample(), Map.of());
    Map<String, Tensor> next = Map.of("x", Tensor.full(2.0, 2, 2));
    Safetensors.write(file, next, Map.of());
    assertBitIdentical(next, Safetensors.read(file).tensors());
    assertEquals(List.of(file), filesInDir());
  }

  @Test
  void readingAMissingFileIsAnIoError() {
    assertThrows(IOException.class, () -> Safetensors.read(dir.resolve("nope")));
  }
}
