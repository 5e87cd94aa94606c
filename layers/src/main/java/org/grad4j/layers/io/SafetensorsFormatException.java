package org.grad4j.layers.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file is not a valid safetensors file (or not a valid grad4j {@link Checkpoint}): its header
 * length, header JSON, a dtype, a shape or the data offsets are wrong, or the data is truncated.
 *
 * <p>It is an {@link IOException}, like {@link java.util.zip.ZipException}: the bytes on disk are
 * at fault, not the caller's arguments. The message names the file and the problem.
 */
public final class SafetensorsFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public SafetensorsFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public SafetensorsFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  /** The file that failed to parse. */
  public Path file() {
    return file;
  }
}
