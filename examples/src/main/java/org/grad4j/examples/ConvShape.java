package org.grad4j.examples;

import java.util.List;
import org.grad4j.core.ConvGeometry;

/**
 * A benchmark convolution: batch, input channels, height, width, output channels, square kernel,
 * stride and padding, as the peers in {@code shared/peers/README.md} define S0–S5.
 */
record ConvShape(
    String name, int batch, int cin, int h, int w, int cout, int k, int stride, int pad) {
  static final List<ConvShape> PEERS =
      List.of(
          new ConvShape("S0", 2, 3, 4, 4, 2, 3, 1, 0),
          new ConvShape("S1", 64, 1, 28, 28, 32, 3, 1, 1),
          new ConvShape("S2", 64, 32, 14, 14, 64, 3, 1, 1),
          new ConvShape("S3", 32, 3, 32, 32, 64, 3, 1, 1),
          new ConvShape("S4", 8, 64, 56, 56, 64, 3, 1, 1),
          new ConvShape("S5", 64, 16, 28, 28, 16, 5, 2, 2));

  ConvGeometry geometry() {
    return ConvGeometry.of(k, stride, pad);
  }

  /** Forward floating-point operations: {@code 2·B·Cout·Hout·Wout·Cin·k·k}; backward is twice. */
  double forwardFlops() {
    ConvGeometry g = geometry();
    return 2.0 * batch * cout * g.outputHeight(h) * g.outputWidth(w) * cin * k * k;
  }

  static ConvShape named(String name) {
    return PEERS.stream()
        .filter(s -> s.name.equalsIgnoreCase(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException("unknown shape " + name + "; expected one of S0..S5"));
  }
}
