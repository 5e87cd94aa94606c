package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TensorBytesTest {
  @Test
  void float64IsLittleEndianWhateverTheBufferOrderAndAdvancesThePosition() {
    Tensor t = Tensor.of(new double[] {1.5, -2.0, Double.MIN_VALUE, Double.NaN, 1e300, -0.0}, 2, 3);
    ByteBuffer buffer = ByteBuffer.allocate(4 + 48).order(ByteOrder.BIG_ENDIAN);
    buffer.position(4);
    TensorBytes.writeFloat64(t, buffer);
    assertEquals(52, buffer.position());
    assertEquals(ByteOrder.BIG_ENDIAN, buffer.order());
    assertEquals(1.5, buffer.order(ByteOrder.LITTLE_ENDIAN).getDouble(4));

    buffer.position(4);
    Tensor back = TensorBytes.readFloat64(buffer.order(ByteOrder.BIG_ENDIAN), Shape.of(2, 3));
    assertEquals(52, buffer.position());
    assertEquals(Shape.of(2, 3), back.shape());
    double[] expected = t.toArray();
    double[] actual = back.toArray();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(
          Double.doubleToRawLongBits(expected[i]),
          Double.doubleToRawLongBits(actual[i]),
          "at " + i);
    }
  }

  @Test
  void float32IsWidenedExactly() {
    float[] values = {0.1f, -3.25f, Float.MAX_VALUE, Float.MIN_VALUE};
    ByteBuffer buffer = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    buffer.flip();
    Tensor t = TensorBytes.readFloat32(buffer, Shape.of(4));
    assertEquals(16, buffer.position());
    assertArrayEquals(new double[] {0.1f, -3.25f, Float.MAX_VALUE, Float.MIN_VALUE}, t.toArray());
  }

  @Test
  void scalarsAndEmptyTensors() {
    ByteBuffer buffer = ByteBuffer.allocate(8);
    TensorBytes.writeFloat64(Tensor.scalar(7), buffer);
    TensorBytes.writeFloat64(Tensor.zeros(0, 3), buffer);
    buffer.flip();
    assertEquals(7.0, TensorBytes.readFloat64(buffer, Shape.scalar()).item());
    assertEquals(Shape.of(0, 3), TensorBytes.readFloat64(buffer, Shape.of(0, 3)).shape());
  }

  @Test
  void tooFewBytesIsAnErrorNamingTheShapeAndSizes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TensorBytes.readFloat64(ByteBuffer.allocate(40), Shape.of(2, 3)));
    assertTrue(
        e.getMessage().contains("(2,3) needs 48 bytes but the buffer has 40"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> TensorBytes.writeFloat64(Tensor.zeros(2), ByteBuffer.allocate(15)));
  }
}
