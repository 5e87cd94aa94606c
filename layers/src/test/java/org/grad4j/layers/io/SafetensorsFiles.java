package org.grad4j.layers.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds and damages safetensors files byte by byte, for the format's tests. */
public final class SafetensorsFiles {
  private static final Pattern OFFSETS = Pattern.compile("\"data_offsets\":\\[(\\d+),(\\d+)\\]");

  private SafetensorsFiles() {}

  /** A file's bytes: the 8-byte little-endian length of {@code header}, the header, the data. */
  public static byte[] raw(String header, byte[] data) {
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(8 + json.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(json.length)
        .put(json)
        .put(data)
        .array();
  }

  /** Copies the classpath resource {@code /reference/<name>} into {@code dir}. */
  public static Path copyReference(String name, Path dir) {
    try (InputStream in = SafetensorsFiles.class.getResourceAsStream("/reference/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource /reference/" + name);
      }
      Path file = dir.resolve(name);
      Files.copy(in, file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file edit that may fail. */
  @FunctionalInterface
  private interface Edit {
    void apply(Path file) throws IOException;
  }

  /**
   * Ways to damage a valid file of at least two tensors written by grad4j (offsets in header
   * order), each with a fragment of the error message it must cause.
   */
  public enum Corruption {
    TOO_SHORT_FOR_THE_LENGTH(f -> Files.write(f, new byte[5]), "fewer than the 8-byte"),
    HEADER_LENGTH_BEYOND_THE_FILE(f -> setHeaderLength(f, Files.size(f) - 7), "exceeds the"),
    HEADER_LENGTH_NEGATIVE_AS_SIGNED(
        f -> setHeaderLength(f, -1), "header length 18446744073709551615"),
    TRUNCATED_DATA(f -> resize(f, Files.size(f) - 3), "the file is truncated"),
    EXTRA_DATA(f -> resize(f, Files.size(f) + 8), "cover only the first"),
    HEADER_NOT_JSON(f -> rewriteHeader(f, h -> h.substring(0, h.length() - 1)), "not valid JSON"),
    HEADER_WITH_TRAILING_TOKENS(f -> rewriteHeader(f, h -> h + "{}"), "not valid JSON"),
    HEADER_NOT_AN_OBJECT(f -> rewriteHeader(f, h -> "[" + h + "]"), "must be a JSON object"),
    HEADER_NOT_UTF8(f -> rewriteHeaderBytes(f, 2, (byte) 0xC3), "not valid UTF-8"),
    UNKNOWN_DTYPE(f -> rewriteHeader(f, h -> h.replaceFirst("F64", "F16")), "dtype \"F16\""),
    UNKNOWN_FIELD(
        f -> rewriteHeader(f, h -> h.replaceFirst("\"dtype\"", "\"offset\":0,\"dtype\"")),
        "expected exactly"),
    NEGATIVE_DIMENSION(
        f -> rewriteHeader(f, h -> h.replaceFirst("\"shape\":\\[", "\"shape\":[-1,")),
        "non-negative integers"),
    OFFSETS_REVERSED(
        f -> rewriteHeader(f, h -> h.replace("\"data_offsets\":[0,", "\"data_offsets\":[9999,")),
        "0 <= begin <= end"),
    SPAN_NOT_MATCHING_THE_SHAPE(f -> editOffsets(f, 0, 0, -8), "but dtype F64 and shape"),
    OFFSETS_OVERLAPPING(f -> editOffsets(f, 1, -8, -8), "overlaps"),
    OFFSETS_LEAVING_A_GAP(f -> editOffsets(f, 0, 8, 8), "belong to no tensor"),
    METADATA_NOT_A_STRING(
        f -> rewriteHeader(f, h -> "{\"__metadata__\":{\"epoch\":3}," + h.substring(1)),
        "must be a string");

    private final Edit edit;
    public final String message;

    Corruption(Edit edit, String message) {
      this.edit = edit;
      this.message = message;
    }

    /** Damages {@code file} in place. */
    public void applyTo(Path file) throws IOException {
      edit.apply(file);
    }
  }

  private static void setHeaderLength(Path file, long length) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
    Files.write(file, bytes);
  }

  private static void resize(Path file, long size) throws IOException {
    Files.write(file, Arrays.copyOf(Files.readAllBytes(file), (int) size));
  }

  private static int headerLength(byte[] bytes) {
    return (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
  }

  /** Replaces the header with {@code edit} of it (trimmed of padding); the data is kept. */
  private static void rewriteHeader(Path file, UnaryOperator<String> edit) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int n = headerLength(bytes);
    String header = new String(bytes, 8, n, StandardCharsets.UTF_8).strip();
    Files.write(file, raw(edit.apply(header), Arrays.copyOfRange(bytes, 8 + n, bytes.length)));
  }

  private static void rewriteHeaderBytes(Path file, int index, byte value) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[8 + index] = value;
    Files.write(file, bytes);
  }

  /** Adds {@code dBegin} and {@code dEnd} to the data offsets of the {@code which}-th tensor. */
  private static void editOffsets(Path file, int which, long dBegin, long dEnd) throws IOException {
    rewriteHeader(
        file,
        header -> {
          Matcher m = OFFSETS.matcher(header);
          for (int i = 0; i <= which; i++) {
            if (!m.find()) {
              throw new IllegalStateException("no data_offsets #" + which + " in " + header);
            }
          }
          long begin = Long.parseLong(m.group(1)) + dBegin;
          long end = Long.parseLong(m.group(2)) + dEnd;
          return header.substring(0, m.start())
              + "\"data_offsets\":["
              + begin
              + ","
              + end
              + "]"
              + header.substring(m.end());
        });
  }
}
