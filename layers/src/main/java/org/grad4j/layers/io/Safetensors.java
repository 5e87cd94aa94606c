package org.grad4j.layers.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.core.TensorBytes;

/**
 * Reads and writes named tensors in Hugging Face's <a
 * href="https://github.com/huggingface/safetensors">safetensors</a> format, which PyTorch loads
 * with {@code safetensors.torch.load_file}.
 *
 * <p>A file is an 8-byte little-endian header length {@code N}, then {@code N} bytes of UTF-8 JSON
 * (possibly padded with spaces), then the data section: raw little-endian values, row-major. The
 * header maps each tensor name to {@code {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin,
 * end]}} (byte offsets into the data section) and the optional key {@value #METADATA_KEY} to an
 * object of string metadata.
 *
 * <p>grad4j writes F64 and reads F64 and F32 (widened exactly to float64). Reading is strict, as
 * the reference implementation: the tensors must tile the data section with no gap, overlap or
 * leftover byte. A malformed file raises a {@link SafetensorsFormatException} (an {@link
 * IOException}) naming the file and the problem; invalid arguments to {@link #write} raise an
 * {@link IllegalArgumentException} before anything touches the disk.
 */
public final class Safetensors {
  /** The header key of the string-to-string metadata; no tensor may have this name. */
  public static final String METADATA_KEY = "__metadata__";

  /** The largest header grad4j reads, as the reference implementation (100 MB). */
  public static final int MAX_HEADER_BYTES = 100_000_000;

  private static final int LENGTH_BYTES = Long.BYTES;
  private static final List<String> TENSOR_FIELDS = List.of("dtype", "shape", "data_offsets");
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Safetensors() {}

  /** The tensors of a file in header order, and its metadata. Both maps are immutable. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    public Contents {
      tensors = ImmutableMap.copyOf(tensors);
      metadata = ImmutableMap.copyOf(metadata);
    }
  }

  private enum DType {
    F64(Double.BYTES, TensorBytes::readFloat64),
    F32(Float.BYTES, TensorBytes::readFloat32);

    final int itemSize;
    final BiFunction<ByteBuffer, Shape, Tensor> reader;

    DType(int itemSize, BiFunction<ByteBuffer, Shape, Tensor> reader) {
      this.itemSize = itemSize;
      this.reader = reader;
    }
  }

  private record Entry(String name, DType dtype, Shape shape, long begin, long end) {
    String describe() {
      return String.format(Locale.ROOT, "tensor '%s' (data_offsets [%d, %d])", name, begin, end);
    }
  }

  // ---------------------------------------------------------------- writing

  /**
   * Writes {@code tensors} as F64, in the map's order, with {@code metadata}, to {@code file}.
   *
   * <p>The bytes go to a new temporary file in the same directory, which is flushed to the device
   * and then atomically renamed over {@code file}. A failure at any point deletes the temporary
   * file and leaves any previous {@code file} intact. A file system that cannot rename atomically
   * fails the write ({@link java.nio.file.AtomicMoveNotSupportedException}) rather than risk the
   * previous file.
   *
   * @throws IllegalArgumentException if a name or tensor is null, a tensor is named {@value
   *     #METADATA_KEY}, a tensor exceeds 2 GiB, or a metadata key or value is null
   * @throws IOException if the file cannot be written or moved into place
   */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
      throws IOException {
    Map<String, Tensor> snapshot = new LinkedHashMap<>(tensors);
    byte[] header = header(snapshot, metadata);
    AtomicFiles.write(
        file,
        temp -> {
          try (FileChannel out = FileChannel.open(temp, WRITE, TRUNCATE_EXISTING)) {
            ByteBuffer length = ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            writeFully(out, length.putLong(0, header.length));
            writeFully(out, ByteBuffer.wrap(header));
            for (Tensor t : snapshot.values()) {
              ByteBuffer values = ByteBuffer.allocate(t.size() * Double.BYTES);
              TensorBytes.writeFloat64(t, values);
              writeFully(out, values.flip());
            }
          }
        });
  }

  /** The JSON header, padded with spaces to a multiple of 8 bytes as the reference writer does. */
  private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata)
      throws JsonProcessingException {
    ObjectNode root = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode meta = root.putObject(METADATA_KEY);
      metadata.forEach(
          (key, value) -> {
            checkArgument(
                key != null && value != null,
                "Safetensors.write: metadata '%s' -> '%s' has a null key or value",
                key,
                value);
            meta.put(key, value);
          });
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = e.getKey();
      Tensor t = e.getValue();
      checkArgument(
          name != null && t != null, "Safetensors.write: tensor '%s' is null or unnamed", name);
      checkArgument(
          !name.equals(METADATA_KEY),
          "Safetensors.write: '%s' is reserved for the metadata and cannot name a tensor",
          METADATA_KEY);
      checkArgument(
          t.size() <= Integer.MAX_VALUE / Double.BYTES,
          "Safetensors.write: tensor '%s' of shape %s exceeds 2 GiB",
          name,
          t.shape());
      ObjectNode info = root.putObject(name);
      info.put("dtype", DType.F64.name());
      ArrayNode shape = info.putArray("shape");
      Arrays.stream(t.shape().dims()).forEach(shape::add);
      long end = offset + (long) t.size() * Double.BYTES;
      info.putArray("data_offsets").add(offset).add(end);
      offset = end;
    }
    byte[] json = JSON.writeValueAsBytes(root);
    byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
    Arrays.fill(padded, json.length, padded.length, (byte) ' ');
    return padded;
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      out.write(bytes);
    }
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads every tensor (F64, or F32 widened to float64) and the metadata of {@code file}.
   *
   * @throws SafetensorsFormatException if the file is not valid safetensors, holds a dtype other
   *     than F64 and F32, or has a data section over 2 GiB
   * @throws IOException if the file cannot be read
   */
  public static Contents read(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, READ)) {
      long fileSize = in.size();
      if (fileSize < LENGTH_BYTES) {
        throw fail(
            file,
            "the file has %d bytes, fewer than the 8-byte header length that starts a safetensors"
                + " file",
            fileSize);
      }
      long headerLength = readFully(file, in, 0, LENGTH_BYTES).getLong(0);
      long rest = fileSize - LENGTH_BYTES;
      if (headerLength < 0 || headerLength > rest) {
        throw fail(
            file,
            "header length %s (the first 8 bytes, little-endian) exceeds the %d bytes that follow"
                + " it",
            Long.toUnsignedString(headerLength),
            rest);
      }
      if (headerLength > MAX_HEADER_BYTES) {
        throw fail(
            file, "header length %d exceeds the limit of %d bytes", headerLength, MAX_HEADER_BYTES);
      }
      long dataLength = rest - headerLength;
      if (dataLength > Integer.MAX_VALUE) {
        throw fail(file, "the data section has %d bytes; grad4j reads at most 2 GiB", dataLength);
      }
      ByteBuffer headerBytes = readFully(file, in, LENGTH_BYTES, (int) headerLength);
      Map<String, String> metadata = new LinkedHashMap<>();
      List<Entry> entries = parseHeader(file, headerBytes, metadata);
      checkLayout(file, entries, dataLength);
      ByteBuffer data = readFully(file, in, LENGTH_BYTES + headerLength, (int) dataLength);
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      for (Entry e : entries) {
        ByteBuffer bytes = data.slice((int) e.begin, (int) (e.end - e.begin));
        tensors.put(e.name, e.dtype.reader.apply(bytes, e.shape));
      }
      return new Contents(tensors, metadata);
    }
  }

  private static ByteBuffer readFully(Path file, FileChannel in, long position, int length)
      throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (bytes.hasRemaining()) {
      if (in.read(bytes, position + bytes.position()) < 0) {
        throw fail(file, "the file ended at byte %d while being read", position + bytes.position());
      }
    }
    return bytes.flip();
  }

  /** The tensor entries in header order; fills {@code metadata}. */
  private static List<Entry> parseHeader(Path file, ByteBuffer bytes, Map<String, String> metadata)
      throws SafetensorsFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(StandardCharsets.UTF_8.newDecoder().decode(bytes).toString());
    } catch (CharacterCodingException e) {
      throw new SafetensorsFormatException(file, "the header is not valid UTF-8", e);
    } catch (JsonProcessingException e) {
      throw new SafetensorsFormatException(
          file, "the header is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!root.isObject()) {
      throw fail(file, "the header must be a JSON object, got %s", root.getNodeType());
    }
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (field.getKey().equals(METADATA_KEY)) {
        parseMetadata(file, field.getValue(), metadata);
      } else {
        entries.add(parseEntry(file, field.getKey(), field.getValue()));
      }
    }
    return entries;
  }

  private static void parseMetadata(Path file, JsonNode node, Map<String, String> metadata)
      throws SafetensorsFormatException {
    if (!node.isObject()) {
      throw fail(file, "%s must be an object of strings, got %s", METADATA_KEY, node);
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!field.getValue().isTextual()) {
        throw fail(
            file,
            "%s value of '%s' must be a string, got %s",
            METADATA_KEY,
            field.getKey(),
            field.getValue());
      }
      metadata.put(field.getKey(), field.getValue().textValue());
    }
  }

  private static Entry parseEntry(Path file, String name, JsonNode info)
      throws SafetensorsFormatException {
    if (!info.isObject()) {
      throw fail(file, "tensor '%s' must be described by an object, got %s", name, info);
    }
    List<String> fields = new ArrayList<>();
    info.fieldNames().forEachRemaining(fields::add);
    if (fields.size() != TENSOR_FIELDS.size() || !fields.containsAll(TENSOR_FIELDS)) {
      throw fail(
          file, "tensor '%s' has fields %s; expected exactly %s", name, fields, TENSOR_FIELDS);
    }
    DType dtype = parseDType(file, name, info.get("dtype"));
    Shape shape = parseShape(file, name, info.get("shape"));
    JsonNode offsets = info.get("data_offsets");
    if (!offsets.isArray()
        || offsets.size() != 2
        || !isNonNegativeLong(offsets.get(0))
        || !isNonNegativeLong(offsets.get(1))
        || offsets.get(0).longValue() > offsets.get(1).longValue()) {
      throw fail(
          file,
          "tensor '%s' has data_offsets %s; expected [begin, end] with 0 <= begin <= end",
          name,
          offsets);
    }
    Entry entry =
        new Entry(name, dtype, shape, offsets.get(0).longValue(), offsets.get(1).longValue());
    long expected = (long) shape.size() * dtype.itemSize;
    if (entry.end - entry.begin != expected) {
      throw fail(
          file,
          "%s spans %d bytes, but dtype %s and shape %s need %d",
          entry.describe(),
          entry.end - entry.begin,
          dtype,
          shape,
          expected);
    }
    return entry;
  }

  private static DType parseDType(Path file, String name, JsonNode node)
      throws SafetensorsFormatException {
    if (node.isTextual()) {
      for (DType d : DType.values()) {
        if (d.name().equals(node.textValue())) {
          return d;
        }
      }
    }
    throw fail(
        file,
        "tensor '%s' has dtype %s; grad4j reads only %s",
        name,
        node,
        Arrays.toString(DType.values()));
  }

  private static Shape parseShape(Path file, String name, JsonNode node)
      throws SafetensorsFormatException {
    if (!node.isArray()) {
      throw badShape(file, name, node);
    }
    int[] dims = new int[node.size()];
    long size = 1;
    for (int i = 0; i < dims.length; i++) {
      JsonNode d = node.get(i);
      if (!isNonNegativeLong(d) || !d.canConvertToInt()) {
        throw badShape(file, name, node);
      }
      dims[i] = d.intValue();
      size *= dims[i];
      if (size > Integer.MAX_VALUE) {
        throw badShape(file, name, node);
      }
    }
    return Shape.of(dims);
  }

  private static SafetensorsFormatException badShape(Path file, String name, JsonNode node) {
    return fail(
        file,
        "tensor '%s' has shape %s; expected an array of non-negative integers with at most"
            + " 2^31-1 elements in all",
        name,
        node);
  }

  private static boolean isNonNegativeLong(JsonNode node) {
    return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() >= 0;
  }

  /**
   * Checks that the tensors, sorted by offset, tile {@code [0, dataLength)} exactly, as the
   * reference implementation requires.
   */
  private static void checkLayout(Path file, List<Entry> entries, long dataLength)
      throws SafetensorsFormatException {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
    Entry previous = null;
    long covered = 0;
    for (Entry e : sorted) {
      if (e.begin < covered) {
        throw fail(file, "%s overlaps %s", e.describe(), previous.describe());
      }
      if (e.begin > covered) {
        throw fail(
            file,
            "data bytes [%d, %d) belong to no tensor (the next is %s)",
            covered,
            e.begin,
            e.describe());
      }
      if (e.end > dataLength) {
        throw fail(
            file,
            "%s ends beyond the data section, which has only %d bytes: the file is truncated",
            e.describe(),
            dataLength);
      }
      covered = e.end;
      previous = e;
    }
    if (covered != dataLength) {
      throw fail(
          file,
          "the data section has %d bytes but the tensors cover only the first %d",
          dataLength,
          covered);
    }
  }

  private static SafetensorsFormatException fail(Path file, String format, Object... args) {
    return new SafetensorsFormatException(file, String.format(Locale.ROOT, format, args));
  }
}
