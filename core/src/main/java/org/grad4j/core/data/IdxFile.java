package org.grad4j.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An array of unsigned bytes in the IDX format of MNIST and Fashion-MNIST: a magic number {@code
 * 0x0000 08 rank}, {@code rank} big-endian dimension sizes, then the bytes. Gzipped files are
 * recognised by their own magic bytes, whatever their name.
 *
 * @param dims the dimension sizes, outermost first
 * @param data the values, row-major, each 0..255 as an unsigned byte
 */
public record IdxFile(int[] dims, byte[] data) {
  private static final int UNSIGNED_BYTE = 0x08;

  /** Reads an IDX file of unsigned bytes, gzipped or not. */
  public static IdxFile read(Path path) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, path.toString());
    }
  }

  /**
   * Reads an IDX stream of unsigned bytes, gzipped or not.
   *
   * @param source names the stream in error messages
   * @throws IOException if the stream is not IDX, holds another element type, or is truncated
   */
  public static IdxFile read(InputStream raw, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    DataInputStream in =
        new DataInputStream(gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered);
    try {
      int magic = in.readInt();
      int type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      if ((magic >>> 16) != 0 || rank == 0) {
        throw new IOException(
            String.format("%s: not an IDX file (magic number 0x%08x)", source, magic));
      }
      if (type != UNSIGNED_BYTE) {
        throw new IOException(
            String.format(
                "%s: IDX element type 0x%02x is not supported (expected 0x08, unsigned byte)",
                source, type));
      }
      int[] dims = new int[rank];
      long size = 1;
      for (int i = 0; i < rank; i++) {
        dims[i] = in.readInt();
        size *= dims[i];
        if (dims[i] < 0 || size > Integer.MAX_VALUE) {
          throw new IOException(source + ": invalid IDX dimensions " + Arrays.toString(dims));
        }
      }
      byte[] data = new byte[(int) size];
      try {
        in.readFully(data);
      } catch (EOFException e) {
        throw new IOException(
            String.format(
                "%s: truncated IDX file: dimensions %s need %d bytes of data",
                source, Arrays.toString(dims), size),
            e);
      }
      return new IdxFile(dims, data);
    } catch (EOFException e) {
      throw new IOException(source + ": truncated IDX header", e);
    }
  }
}
