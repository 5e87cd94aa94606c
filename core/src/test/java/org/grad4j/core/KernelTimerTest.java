package org.grad4j.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelTimerTest {

  @Test
  void countsTimeInEachKernelUntilReset() {
    KernelTimer.reset();
    for (KernelTimer.Kernel k : KernelTimer.Kernel.values()) {
      assertEquals(0, KernelTimer.nanos(k), k + " after reset");
    }
    Tensor x = Tensor.randn(new Rng(1), 2, 3, 16, 16);
    ConvGeometry g = ConvGeometry.of(3, 1, 1);
    Tensor cols = Im2Col.im2col(x, g);
    assertTrue(KernelTimer.nanos(KernelTimer.Kernel.IM2COL) > 0);
    assertEquals(0, KernelTimer.nanos(KernelTimer.Kernel.MATMUL));
    assertEquals(0, KernelTimer.nanos(KernelTimer.Kernel.COL2IM));

    Tensor.randn(new Rng(2), 4, 27).matmul(cols);
    Im2Col.col2im(cols, x.shape(), g);
    assertTrue(KernelTimer.nanos(KernelTimer.Kernel.MATMUL) > 0);
    assertTrue(KernelTimer.nanos(KernelTimer.Kernel.COL2IM) > 0);

    KernelTimer.reset();
    assertEquals(0, KernelTimer.nanos(KernelTimer.Kernel.MATMUL));
  }
}
