package org.grad4j.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class IdxFileTest {
  /** An IDX file of unsigned bytes with the given dimensions and values. */
  static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt((type << 8) | dims.length);
    for (int d : dims) {
      b.putInt(d);
    }
    return b.put(data).array();
  }

  static byte[] gzip(byte[] raw) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(raw);
    }
    return out.toByteArray();
  }

  private static IdxFile read(byte[] bytes) throws IOException {
    return IdxFile.read(new ByteArrayInputStream(bytes), "test.idx");
  }

  @Test
  void readsPlainAndGzippedFiles() throws IOException {
    byte[] values = {0, 1, (byte) 200, (byte) 255, 7, 9};
    byte[] raw = idx(0x08, new int[] {2, 3}, values);
    for (byte[] bytes : new byte[][] {raw, gzip(raw)}) {
      IdxFile f = read(bytes);
      assertArrayEquals(new int[] {2, 3}, f.dims());
      assertArrayEquals(values, f.data());
    }
  }

  @Test
  void rejectsAWrongMagicNumberNamingTheFile() {
    byte[] bytes = idx(0x08, new int[] {2}, new byte[] {1, 2});
    bytes[0] = 0x12;
    IOException e = assertThrows(IOException.class, () -> read(bytes));
    assertTrue(e.getMessage().contains("test.idx") && e.getMessage().contains("not an IDX file"));
  }

  @Test
  void rejectsOtherElementTypes() {
    IOException e =
        assertThrows(IOException.class, () -> read(idx(0x0d, new int[] {1}, new byte[4])));
    assertTrue(e.getMessage().contains("0x0d"), e.getMessage());
  }

  @Test
  void rejectsTruncatedDataAndHeaders() throws IOException {
    byte[] full = idx(0x08, new int[] {2, 2}, new byte[] {1, 2, 3, 4});
    byte[] shortData = Arrays.copyOf(full, full.length - 1);
    IOException e = assertThrows(IOException.class, () -> read(gzip(shortData)));
    assertTrue(e.getMessage().contains("truncated IDX file") && e.getMessage().contains("[2, 2]"));
    IOException h = assertThrows(IOException.class, () -> read(Arrays.copyOf(full, 6)));
    assertTrue(h.getMessage().contains("truncated IDX header"), h.getMessage());
  }
}
