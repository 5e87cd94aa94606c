package org.grad4j.layers.io;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a file under a temporary name in its directory, flushes it to the disk, then moves it into
 * place: a crash leaves either the old file or the new one, never a part of it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a complete file at the given path. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(Path path) throws IOException;
  }

  /**
   * Has {@code writer} write a temporary file beside {@code target} (hidden on Unix, its name
   * unique among concurrent writers), then moves it to {@code target}; the temporary file is
   * removed if anything fails.
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      writer.writeTo(tmp);
      try (FileChannel written = FileChannel.open(tmp, WRITE)) {
        written.force(true);
      }
      Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
