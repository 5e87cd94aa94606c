package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.random.RandomGenerator;
import org.grad4j.autograd.F;
import org.grad4j.autograd.Variable;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Shape;

/**
 * 2-d convolution layer, as PyTorch's {@code nn.Conv2d}: weight {@code (out, in, kh, kw)} and
 * optional bias {@code (out,)}, initialised with PyTorch's defaults.
 *
 * <pre>{@code
 * Conv2d conv = Conv2d.builder(1, 32, 3).padding(1).build(rng);
 * }</pre>
 */
public final class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final ConvGeometry geometry;
  private final Parameter weight;
  private final Parameter bias;

  private Conv2d(Builder b, RandomGenerator rng) {
    inChannels = b.inChannels;
    outChannels = b.outChannels;
    geometry =
        new ConvGeometry(
            b.kernelH, b.kernelW, b.strideH, b.strideW, b.padH, b.padW, b.dilationH, b.dilationW);
    Shape weightShape = Shape.of(outChannels, inChannels, b.kernelH, b.kernelW);
    weight = registerParameter("weight", Init.defaultWeight(rng, weightShape));
    bias =
        b.bias
            ? registerParameter("bias", Init.defaultBias(rng, Init.fanIn(weightShape), outChannels))
            : null;
  }

  /** A builder for a layer with a square kernel; stride 1, no padding, dilation 1, with bias. */
  public static Builder builder(int inChannels, int outChannels, int kernel) {
    return new Builder(inChannels, outChannels, kernel, kernel);
  }

  /** A builder for a layer with a {@code kernelH × kernelW} kernel. */
  public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
    return new Builder(inChannels, outChannels, kernelH, kernelW);
  }

  @Override
  public Variable forward(Variable input) {
    return F.conv2d(input, weight, bias, geometry);
  }

  public Parameter weight() {
    return weight;
  }

  /** The bias, or {@code null} when the layer has none. */
  public Parameter bias() {
    return bias;
  }

  public ConvGeometry geometry() {
    return geometry;
  }

  @Override
  protected String describe() {
    return String.format(
        "%d, %d, kernel_size=(%d, %d), stride=(%d, %d), padding=(%d, %d)%s%s",
        inChannels,
        outChannels,
        geometry.kernelH(),
        geometry.kernelW(),
        geometry.strideH(),
        geometry.strideW(),
        geometry.padH(),
        geometry.padW(),
        geometry.dilationH() == 1 && geometry.dilationW() == 1
            ? ""
            : String.format(", dilation=(%d, %d)", geometry.dilationH(), geometry.dilationW()),
        bias == null ? ", bias=False" : "");
  }

  /** Options of a {@link Conv2d}; {@link #build} validates them. */
  public static final class Builder {
    private final int inChannels;
    private final int outChannels;
    private final int kernelH;
    private final int kernelW;
    private int strideH = 1;
    private int strideW = 1;
    private int padH;
    private int padW;
    private int dilationH = 1;
    private int dilationW = 1;
    private boolean bias = true;

    private Builder(int inChannels, int outChannels, int kernelH, int kernelW) {
      this.inChannels = inChannels;
      this.outChannels = outChannels;
      this.kernelH = kernelH;
      this.kernelW = kernelW;
    }

    public Builder stride(int stride) {
      return stride(stride, stride);
    }

    public Builder stride(int strideH, int strideW) {
      this.strideH = strideH;
      this.strideW = strideW;
      return this;
    }

    public Builder padding(int padding) {
      return padding(padding, padding);
    }

    public Builder padding(int padH, int padW) {
      this.padH = padH;
      this.padW = padW;
      return this;
    }

    public Builder dilation(int dilation) {
      return dilation(dilation, dilation);
    }

    public Builder dilation(int dilationH, int dilationW) {
      this.dilationH = dilationH;
      this.dilationW = dilationW;
      return this;
    }

    public Builder bias(boolean bias) {
      this.bias = bias;
      return this;
    }

    /**
     * The layer, with weights drawn from {@code rng}.
     *
     * @throws IllegalArgumentException if a channel count or the geometry is invalid
     */
    public Conv2d build(RandomGenerator rng) {
      checkArgument(
          inChannels >= 1 && outChannels >= 1,
          "Conv2d: channels in=%s out=%s must be at least 1",
          inChannels,
          outChannels);
      checkNotNull(rng, "Conv2d: a random generator is required to initialise the weights");
      return new Conv2d(this, rng);
    }
  }
}
