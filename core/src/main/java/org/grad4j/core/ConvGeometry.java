package org.grad4j.core;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The geometry of a 2-d convolution or pooling window: kernel, stride, padding and dilation, each
 * with separate height and width.
 *
 * <p>The output size along one axis is {@code floor((in + 2*pad - dilation*(kernel-1) - 1) /
 * stride) + 1}, as in PyTorch's {@code Conv2d}.
 */
public record ConvGeometry(
    int kernelH,
    int kernelW,
    int strideH,
    int strideW,
    int padH,
    int padW,
    int dilationH,
    int dilationW) {

  public ConvGeometry {
    checkArgument(
        kernelH >= 1 && kernelW >= 1,
        "ConvGeometry: kernel %sx%s must be at least 1x1",
        kernelH,
        kernelW);
    checkArgument(
        strideH >= 1 && strideW >= 1,
        "ConvGeometry: stride %sx%s must be at least 1x1",
        strideH,
        strideW);
    checkArgument(
        padH >= 0 && padW >= 0, "ConvGeometry: padding %sx%s must not be negative", padH, padW);
    checkArgument(
        dilationH >= 1 && dilationW >= 1,
        "ConvGeometry: dilation %sx%s must be at least 1x1",
        dilationH,
        dilationW);
  }

  /** A square kernel with equal stride and padding on both axes and no dilation. */
  public static ConvGeometry of(int kernel, int stride, int padding) {
    return new ConvGeometry(kernel, kernel, stride, stride, padding, padding, 1, 1);
  }

  /** A kernel of the given size, stride 1, no padding, no dilation. */
  public static ConvGeometry kernel(int kernelH, int kernelW) {
    return new ConvGeometry(kernelH, kernelW, 1, 1, 0, 0, 1, 1);
  }

  public ConvGeometry withStride(int strideH, int strideW) {
    return new ConvGeometry(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
  }

  public ConvGeometry withPadding(int padH, int padW) {
    return new ConvGeometry(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
  }

  public ConvGeometry withDilation(int dilationH, int dilationW) {
    return new ConvGeometry(kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
  }

  /** Number of window elements: {@code kernelH * kernelW}. */
  public int kernelArea() {
    return kernelH * kernelW;
  }

  /** The output height for an input of height {@code inH}. */
  public int outputHeight(int inH) {
    return outputSize("height", inH, kernelH, strideH, padH, dilationH);
  }

  /** The output width for an input of width {@code inW}. */
  public int outputWidth(int inW) {
    return outputSize("width", inW, kernelW, strideW, padW, dilationW);
  }

  /**
   * Checks that the dilated kernel fits an NCHW input {@code x} with its padding, in a message that
   * names {@code op}.
   *
   * @throws IllegalArgumentException if the kernel's span exceeds the padded input on either axis
   */
  public void checkFits(String op, Shape x) {
    int spanH = dilationH * (kernelH - 1) + 1;
    int spanW = dilationW * (kernelW - 1) + 1;
    checkArgument(
        spanH <= x.dim(2) + 2 * padH && spanW <= x.dim(3) + 2 * padW,
        "%s: kernel span %sx%s is larger than input %s padded by %sx%s",
        op,
        spanH,
        spanW,
        x,
        padH,
        padW);
  }

  private static int outputSize(
      String axis, int in, int kernel, int stride, int pad, int dilation) {
    int span = dilation * (kernel - 1) + 1;
    checkArgument(
        in >= 1 && span <= in + 2 * pad,
        "ConvGeometry: kernel %s of %s (dilation %s) exceeds the padded input %s of %s + 2*%s",
        axis,
        span,
        dilation,
        axis,
        in,
        pad);
    return (in + 2 * pad - span) / stride + 1;
  }

  @Override
  public String toString() {
    return String.format(
        "kernel %dx%d, stride %dx%d, padding %dx%d, dilation %dx%d",
        kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW);
  }
}
