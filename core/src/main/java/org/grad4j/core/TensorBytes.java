package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Tensor values to and from raw little-endian bytes, as file formats such as safetensors store
 * them.
 *
 * <p>Every method starts at the buffer's position and advances it past the bytes it used; the
 * buffer's own byte order is ignored (and left unchanged): the bytes are always little-endian.
 */
public final class TensorBytes {
  private TensorBytes() {}

  /**
   * A tensor of {@code shape} holding the next {@code 8 * shape.size()} bytes of {@code source},
   * read as little-endian IEEE float64 values in row-major order. Advances {@code source}.
   *
   * @throws IllegalArgumentException if fewer bytes remain
   */
  public static Tensor readFloat64(ByteBuffer source, Shape shape) {
    int n = shape.size();
    checkRemaining("readFloat64", source, shape, Double.BYTES);
    double[] data = new double[n];
    source.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
    source.position(source.position() + n * Double.BYTES);
    return new Tensor(shape, data);
  }

  /**
   * A tensor of {@code shape} holding the next {@code 4 * shape.size()} bytes of {@code source},
   * read as little-endian IEEE float32 values in row-major order and widened exactly to float64.
   * Advances {@code source}.
   *
   * @throws IllegalArgumentException if fewer bytes remain
   */
  public static Tensor readFloat32(ByteBuffer source, Shape shape) {
    int n = shape.size();
    checkRemaining("readFloat32", source, shape, Float.BYTES);
    double[] data = new double[n];
    FloatBuffer floats = source.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    for (int i = 0; i < n; i++) {
      data[i] = floats.get(i);
    }
    source.position(source.position() + n * Float.BYTES);
    return new Tensor(shape, data);
  }

  /**
   * Writes {@code tensor}'s values into {@code target} as little-endian IEEE float64 in row-major
   * order ({@code 8 * tensor.size()} bytes). Advances {@code target}.
   *
   * @throws IllegalArgumentException if fewer bytes remain
   */
  public static void writeFloat64(Tensor tensor, ByteBuffer target) {
    checkRemaining("writeFloat64", target, tensor.shape(), Double.BYTES);
    target.slice().order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(tensor.data);
    target.position(target.position() + tensor.size() * Double.BYTES);
  }

  private static void checkRemaining(String op, ByteBuffer buffer, Shape shape, int itemSize) {
    long needed = (long) shape.size() * itemSize;
    checkArgument(
        buffer.remaining() >= needed,
        "TensorBytes.%s: shape %s needs %s bytes but the buffer has %s remaining",
        op,
        shape,
        needed,
        buffer.remaining());
  }
}
