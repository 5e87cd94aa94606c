package org.grad4j.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.random.RandomGenerator;
import org.grad4j.autograd.ops.Abs;
import org.grad4j.autograd.ops.Add;
import org.grad4j.autograd.ops.AvgPool2d;
import org.grad4j.autograd.ops.BroadcastTo;
import org.grad4j.autograd.ops.Clamp;
import org.grad4j.autograd.ops.Concat;
import org.grad4j.autograd.ops.Conv2d;
import org.grad4j.autograd.ops.Div;
import org.grad4j.autograd.ops.Exp;
import org.grad4j.autograd.ops.Gather;
import org.grad4j.autograd.ops.LeakyRelu;
import org.grad4j.autograd.ops.Log;
import org.grad4j.autograd.ops.LogSoftmax;
import org.grad4j.autograd.ops.MatrixProduct;
import org.grad4j.autograd.ops.Max;
import org.grad4j.autograd.ops.MaxPool2d;
import org.grad4j.autograd.ops.Maximum;
import org.grad4j.autograd.ops.Mul;
import org.grad4j.autograd.ops.Neg;
import org.grad4j.autograd.ops.Permute;
import org.grad4j.autograd.ops.Pow;
import org.grad4j.autograd.ops.Relu;
import org.grad4j.autograd.ops.Reshape;
import org.grad4j.autograd.ops.Sigmoid;
import org.grad4j.autograd.ops.Slice;
import org.grad4j.autograd.ops.SmoothedNll;
import org.grad4j.autograd.ops.Sqrt;
import org.grad4j.autograd.ops.Sub;
import org.grad4j.autograd.ops.Sum;
import org.grad4j.autograd.ops.SumTo;
import org.grad4j.autograd.ops.Tanh;
import org.grad4j.core.ClassLabels;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Indexing;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * The differentiable ops, as static verbs (like PyTorch's {@code torch.nn.functional}). Every op
 * records itself on the graph when grad mode is on and an input requires grad.
 */
public final class F {
  private F() {}

  // ---------------------------------------------------------------- arithmetic (broadcasting)

  public static Variable add(Variable a, Variable b) {
    return new Add().apply(a, b);
  }

  public static Variable add(Variable a, double b) {
    return add(a, constant(b));
  }

  public static Variable sub(Variable a, Variable b) {
    return new Sub().apply(a, b);
  }

  public static Variable sub(Variable a, double b) {
    return sub(a, constant(b));
  }

  public static Variable mul(Variable a, Variable b) {
    return new Mul().apply(a, b);
  }

  public static Variable mul(Variable a, double b) {
    return mul(a, constant(b));
  }

  public static Variable div(Variable a, Variable b) {
    return new Div().apply(a, b);
  }

  public static Variable div(Variable a, double b) {
    return div(a, constant(b));
  }

  public static Variable neg(Variable x) {
    return new Neg().apply(x);
  }

  /** {@code x^p} for a constant exponent. */
  public static Variable pow(Variable x, double p) {
    return new Pow(p).apply(x);
  }

  public static Variable exp(Variable x) {
    return new Exp().apply(x);
  }

  /** The natural logarithm. */
  public static Variable log(Variable x) {
    return new Log().apply(x);
  }

  public static Variable sqrt(Variable x) {
    return new Sqrt().apply(x);
  }

  public static Variable abs(Variable x) {
    return new Abs().apply(x);
  }

  /** Limits {@code x} to {@code [min, max]}; either bound may be infinite. */
  public static Variable clamp(Variable x, double min, double max) {
    return new Clamp(min, max).apply(x);
  }

  /** The larger of {@code a} and {@code b} elementwise, with broadcasting. */
  public static Variable maximum(Variable a, Variable b) {
    return new Maximum().apply(a, b);
  }

  public static Variable maximum(Variable a, double b) {
    return maximum(a, constant(b));
  }

  /** The smaller of {@code a} and {@code b} elementwise: {@code -maximum(-a, -b)}. */
  public static Variable minimum(Variable a, Variable b) {
    Shape.broadcast(a.shape(), b.shape(), "minimum"); // so that a mismatch names minimum
    return neg(maximum(neg(a), neg(b)));
  }

  public static Variable minimum(Variable a, double b) {
    return minimum(a, constant(b));
  }

  private static Variable constant(double value) {
    return new Variable(Tensor.scalar(value));
  }

  // ---------------------------------------------------------------- reductions

  /** The sum of all elements, as a scalar. */
  public static Variable sum(Variable x) {
    return new Sum(false).apply(x);
  }

  /** The sum over {@code axes}, keeping them as size 1 when {@code keepDim}. */
  public static Variable sum(Variable x, boolean keepDim, int... axes) {
    return new Sum(keepDim, axes).apply(x);
  }

  /** The mean of all elements, as a scalar. */
  public static Variable mean(Variable x) {
    return mul(sum(x), 1.0 / x.data().size());
  }

  /** The mean over {@code axes}, keeping them as size 1 when {@code keepDim}. */
  public static Variable mean(Variable x, boolean keepDim, int... axes) {
    x.data().reducedShape("mean", keepDim, axes); // so that bad axes name mean, not sum
    Variable s = sum(x, keepDim, axes);
    return mul(s, (double) s.data().size() / x.data().size());
  }

  /**
   * {@code log(sum(exp(x)))} over {@code axis}, computed stably as {@code m + log(sum(exp(x - m)))}
   * with {@code m} the maximum along the axis (a constant of the graph: the result does not depend
   * on it).
   */
  public static Variable logsumexp(Variable x, int axis, boolean keepDim) {
    x.shape().normalizeAxis(axis, "logsumexp"); // before max, whose message would name max
    Variable m = new Variable(x.data().max(true, axis));
    Variable lse = add(log(sum(exp(sub(x, m)), true, axis)), m);
    return keepDim ? lse : reshape(lse, x.data().reducedShape("logsumexp", false, axis));
  }

  /**
   * The maximum over {@code axes} (all when none are given), keeping them as size 1 when {@code
   * keepDim}, as PyTorch's {@code amax}: elements tied for the maximum share its gradient equally.
   */
  public static Variable max(Variable x, boolean keepDim, int... axes) {
    return new Max(keepDim, axes).apply(x);
  }

  /**
   * The minimum over {@code axes} (all when none are given), as PyTorch's {@code amin}: {@code
   * -max(-x)}, so elements tied for the minimum share its gradient equally.
   */
  public static Variable min(Variable x, boolean keepDim, int... axes) {
    x.data().reducedShape("min", keepDim, axes); // so that bad axes name min, not max
    return neg(max(neg(x), keepDim, axes));
  }

  /**
   * The index of the maximum along {@code axis} at every position of the other axes, in row-major
   * order (for scores {@code (N,C)} and axis 1, the predicted class of each row); the first maximum
   * wins a tie. Not differentiable.
   */
  public static int[] argmax(Variable x, int axis) {
    return Indexing.argmax(x.data(), axis);
  }

  // ---------------------------------------------------------------- shapes

  /** The same values in a new shape; one dimension may be -1. */
  public static Variable reshape(Variable x, int... dims) {
    return reshape(x, x.data().reshape(dims).shape());
  }

  public static Variable reshape(Variable x, Shape shape) {
    return x.shape().equals(shape) ? x : new Reshape(shape).apply(x);
  }

  /** Repeats {@code x} along broadcast axes to {@code shape}, by NumPy's rules. */
  public static Variable broadcastTo(Variable x, Shape shape) {
    return x.shape().equals(shape) ? x : new BroadcastTo(shape).apply(x);
  }

  /** Sums {@code x} down to {@code shape}, undoing a broadcast. */
  public static Variable sumTo(Variable x, Shape shape) {
    return x.shape().equals(shape) ? x : new SumTo(shape).apply(x);
  }

  /** Reorders axes: output axis {@code i} is input axis {@code order[i]}. */
  public static Variable permute(Variable x, int... order) {
    return new Permute(order).apply(x);
  }

  /** The transpose of a matrix. */
  public static Variable transpose(Variable x) {
    checkArgument(x.shape().rank() == 2, "transpose: expected a matrix, got shape %s", x.shape());
    return permute(x, 1, 0);
  }

  /** Swaps two axes. */
  public static Variable transpose(Variable x, int axis0, int axis1) {
    int[] order = new int[x.shape().rank()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int a = x.shape().normalizeAxis(axis0, "transpose");
    int b = x.shape().normalizeAxis(axis1, "transpose");
    order[a] = b;
    order[b] = a;
    return permute(x, order);
  }

  /** Flattens every axis but the first: {@code (N, ...)} to {@code (N, rest)}, as nn.Flatten. */
  public static Variable flatten(Variable x) {
    return flatten(x, 1, -1);
  }

  /** Merges axes {@code startAxis} to {@code endAxis} (both included) into one. */
  public static Variable flatten(Variable x, int startAxis, int endAxis) {
    Shape shape = x.shape();
    int start = shape.normalizeAxis(startAxis, "flatten");
    int end = shape.normalizeAxis(endAxis, "flatten");
    checkArgument(
        start <= end,
        "flatten: start axis %s comes after end axis %s for shape %s",
        startAxis,
        endAxis,
        shape);
    int[] dims = new int[shape.rank() - (end - start)];
    int merged = 1;
    for (int axis = 0; axis < shape.rank(); axis++) {
      if (axis < start) {
        dims[axis] = shape.dim(axis);
      } else if (axis <= end) {
        merged *= shape.dim(axis);
      } else {
        dims[axis - (end - start)] = shape.dim(axis);
      }
    }
    dims[start] = merged;
    return reshape(x, Shape.of(dims));
  }

  /** Removes {@code axis}, which must have size 1. */
  public static Variable squeeze(Variable x, int axis) {
    Shape shape = x.shape();
    int a = shape.normalizeAxis(axis, "squeeze");
    checkArgument(
        shape.dim(a) == 1,
        "squeeze: axis %s of shape %s has size %s, not 1",
        axis,
        shape,
        shape.dim(a));
    int[] dims = new int[shape.rank() - 1];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.dim(i < a ? i : i + 1);
    }
    return reshape(x, Shape.of(dims));
  }

  /**
   * Inserts an axis of size 1 at position {@code axis} of the result, which may be {@code -(rank +
   * 1)} to {@code rank}.
   */
  public static Variable unsqueeze(Variable x, int axis) {
    Shape shape = x.shape();
    int a = insertionAxis(shape, axis, "unsqueeze");
    int[] dims = new int[shape.rank() + 1];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = i == a ? 1 : shape.dim(i < a ? i : i - 1);
    }
    return reshape(x, Shape.of(dims));
  }

  /** Where a new axis {@code axis} (possibly negative) lands among the rank + 1 result axes. */
  private static int insertionAxis(Shape shape, int axis, String op) {
    int rank = shape.rank();
    checkArgument(
        axis >= -(rank + 1) && axis <= rank,
        "%s: axis %s is out of range for a new axis of shape %s (expected %s to %s)",
        op,
        axis,
        shape,
        -(rank + 1),
        rank);
    return axis < 0 ? axis + rank + 1 : axis;
  }

  /** The tensors joined along an existing {@code axis}; other dimensions must match. */
  public static Variable concat(int axis, Variable... xs) {
    return new Concat(axis).apply(xs);
  }

  /** The tensors, which must have equal shapes, stacked along a new {@code axis}. */
  public static Variable stack(int axis, Variable... xs) {
    checkArgument(xs.length > 0, "stack: expected at least one tensor");
    Shape shape = xs[0].shape();
    insertionAxis(shape, axis, "stack");
    Variable[] expanded = new Variable[xs.length];
    for (int i = 0; i < xs.length; i++) {
      checkArgument(
          xs[i].shape().equals(shape),
          "stack: tensor %s has shape %s but tensor 0 has shape %s; all must be equal",
          i,
          xs[i].shape(),
          shape);
      expanded[i] = unsqueeze(xs[i], axis);
    }
    return concat(axis, expanded);
  }

  /**
   * Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}, as {@code
   * x.narrow(axis, start, end - start)}.
   */
  public static Variable slice(Variable x, int axis, int start, int end) {
    return new Slice(axis, start, end).apply(x);
  }

  /**
   * For a matrix {@code x (N,C)}, the vector {@code (N,)} of {@code x[i, index[i]]} (each sample's
   * score for its class).
   */
  public static Variable gather(Variable x, int[] index) {
    int[] positions = Indexing.rowPositions("gather", x.shape(), index);
    return new Gather(positions, Shape.of(index.length)).apply(x);
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * The matrix product {@code a · b}, as {@code torch.matmul} for operands of rank at least 2: the
   * last two axes are matrices, leading (batch) axes broadcast, e.g. {@code (2,1,3,4) @ (5,4,6)} is
   * {@code (2,5,3,6)}.
   */
  public static Variable matmul(Variable a, Variable b) {
    return new MatrixProduct(false, false).apply(a, b);
  }

  /** {@code x · wᵀ} for {@code x (*, in)} and {@code w (out, in)}, as PyTorch's linear. */
  public static Variable linear(Variable x, Variable w) {
    return linear(x, w, null);
  }

  /**
   * {@code x · wᵀ + b} for {@code x (*, in)}, {@code w (out, in)} (PyTorch's layout, read in place
   * as a transposed operand) and {@code b (out,)}; {@code b} may be {@code null}.
   */
  public static Variable linear(Variable x, Variable w, Variable b) {
    Shape shape = x.shape();
    checkArgument(
        w.shape().rank() == 2, "linear: weight must be a matrix (out,in), got %s", w.shape());
    checkArgument(shape.rank() >= 1, "linear: input must have rank at least 1, got %s", shape);
    int in = w.shape().dim(1);
    checkArgument(
        shape.dim(-1) == in,
        "linear: input %s has %s features but weight %s expects %s",
        shape,
        shape.dim(-1),
        w.shape(),
        in);
    int out = w.shape().dim(0);
    checkArgument(
        b == null || b.shape().equals(Shape.of(out)),
        "linear: bias %s does not match weight %s; expected (%s,)",
        b == null ? null : b.shape(),
        w.shape(),
        out);
    Variable rows = reshape(x, Shape.of(shape.withDim(-1, 1).size(), in));
    Variable y = new MatrixProduct(false, true).apply(rows, w);
    if (b != null) {
      y = add(y, b);
    }
    return reshape(y, shape.withDim(-1, out));
  }

  // ---------------------------------------------------------------- activations

  /** {@code max(x, 0)}; the gradient at 0 is 0. */
  public static Variable relu(Variable x) {
    return new Relu().apply(x);
  }

  /** {@code x} where positive, {@code slope * x} elsewhere. */
  public static Variable leakyRelu(Variable x, double slope) {
    return new LeakyRelu(slope).apply(x);
  }

  /** {@code 1 / (1 + e^-x)}, without overflow for large {@code |x|}. */
  public static Variable sigmoid(Variable x) {
    return new Sigmoid().apply(x);
  }

  public static Variable tanh(Variable x) {
    return new Tanh().apply(x);
  }

  /** {@code exp(x) / sum(exp(x))} along {@code axis}: {@code exp(logSoftmax(x, axis))}. */
  public static Variable softmax(Variable x, int axis) {
    x.shape().normalizeAxis(axis, "softmax");
    return exp(logSoftmax(x, axis));
  }

  /** {@code x - logsumexp(x)} along {@code axis}, stable for large inputs. */
  public static Variable logSoftmax(Variable x, int axis) {
    return new LogSoftmax(axis).apply(x);
  }

  // ---------------------------------------------------------------- convolution and pooling

  /** 2-d convolution of {@code x (N,Cin,H,W)} with {@code w (Cout,Cin,kh,kw)}, no bias. */
  public static Variable conv2d(Variable x, Variable w, ConvGeometry geometry) {
    return new Conv2d(geometry).apply(x, w);
  }

  /**
   * 2-d convolution of {@code x (N,Cin,H,W)} with {@code w (Cout,Cin,kh,kw)} plus bias {@code b
   * (Cout,)}; {@code b} may be {@code null}.
   */
  public static Variable conv2d(Variable x, Variable w, Variable b, ConvGeometry geometry) {
    return b == null ? conv2d(x, w, geometry) : new Conv2d(geometry).apply(x, w, b);
  }

  /**
   * Max pooling of {@code x (N,C,H,W)}, as PyTorch's {@code max_pool2d} (no ceil mode, dilation 1):
   * padding acts as -infinity and may be at most half the kernel. The gradient goes to each
   * window's arg-max, the first one on ties.
   */
  public static Variable maxPool2d(Variable x, ConvGeometry geometry) {
    return new MaxPool2d(geometry).apply(x);
  }

  /** Max pooling with a square {@code kernel}, stride {@code kernel}, no padding. */
  public static Variable maxPool2d(Variable x, int kernel) {
    checkArgument(kernel >= 1, "maxPool2d: kernel %s must be at least 1", kernel);
    return maxPool2d(x, ConvGeometry.of(kernel, kernel, 0));
  }

  /**
   * Average pooling of {@code x (N,C,H,W)}, as PyTorch's {@code avg_pool2d} (no ceil mode): with
   * {@code countIncludePad} each window is divided by the kernel area, otherwise by the number of
   * input pixels it covers.
   */
  public static Variable avgPool2d(Variable x, ConvGeometry geometry, boolean countIncludePad) {
    return new AvgPool2d(geometry, countIncludePad).apply(x);
  }

  /** The mean over H and W of {@code x (N,C,H,W)}, shape {@code (N,C,1,1)}. */
  public static Variable globalAvgPool2d(Variable x) {
    checkImages("globalAvgPool2d", x.shape());
    return mean(x, true, 2, 3);
  }

  /** Checks that {@code shape} is that of a batch of images, {@code (N,C,H,W)}. */
  private static void checkImages(String op, Shape shape) {
    checkArgument(
        shape.rank() == 4, "%s: expected an input of rank 4 (N,C,H,W), got shape %s", op, shape);
  }

  // ---------------------------------------------------------------- normalisation, dropout

  /**
   * Batch normalisation of {@code x (N,C,H,W)} per channel, as PyTorch's {@code batch_norm}: {@code
   * (x - mean) / sqrt(var + eps) * gamma + beta}.
   *
   * <p>In training the statistics are those of the batch over (N,H,W), the biased variance computed
   * as {@code mean((x - mean)^2)}. The running buffers (shape {@code (C,)}, both or neither) are
   * then updated in place, outside the graph, as {@code running = (1 - momentum) * running +
   * momentum * batch}, with the unbiased batch variance ({@code n/(n-1)}) for {@code runningVar}.
   * In evaluation the running statistics are used and are required. {@code gamma} and {@code beta}
   * (shape {@code (C,)}) may each be {@code null}: no scale, no shift.
   */
  public static Variable batchNorm2d(
      Variable x,
      Variable gamma,
      Variable beta,
      Tensor runningMean,
      Tensor runningVar,
      boolean training,
      double momentum,
      double eps) {
    checkBatchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps);
    int channels = x.shape().dim(1);
    Variable centered;
    Variable variance;
    if (training) {
      Variable mean = mean(x, true, 0, 2, 3);
      centered = sub(x, mean);
      variance = mean(mul(centered, centered), true, 0, 2, 3);
      if (runningMean != null) {
        int n = x.data().size() / channels;
        Shape buffer = runningMean.shape();
        runningMean.scaleAndAddInPlace(1 - momentum, momentum, mean.data().reshape(buffer));
        runningVar.scaleAndAddInPlace(
            1 - momentum, momentum * n / (n - 1), variance.data().reshape(buffer));
      }
    } else {
      centered = sub(x, new Variable(Tensor.of(runningMean.toArray(), 1, channels, 1, 1)));
      variance = new Variable(Tensor.of(runningVar.toArray(), 1, channels, 1, 1));
    }
    Variable y = div(centered, sqrt(add(variance, eps)));
    if (gamma != null) {
      y = mul(y, reshape(gamma, 1, channels, 1, 1));
    }
    return beta == null ? y : add(y, reshape(beta, 1, channels, 1, 1));
  }

  private static void checkBatchNorm2d(
      Variable x,
      Variable gamma,
      Variable beta,
      Tensor runningMean,
      Tensor runningVar,
      boolean training,
      double momentum,
      double eps) {
    Shape shape = x.shape();
    checkImages("batchNorm2d", shape);
    Shape channels = Shape.of(shape.dim(1));
    checkArgument(
        (runningMean == null) == (runningVar == null),
        "batchNorm2d: give both runningMean and runningVar or neither");
    checkArgument(
        training || runningMean != null,
        "batchNorm2d: evaluation mode needs runningMean and runningVar");
    checkArgument(
        !training || shape.size() / Math.max(1, shape.dim(1)) > 1,
        "batchNorm2d: training needs more than 1 value per channel, got input %s",
        shape);
    checkArgument(
        momentum >= 0 && momentum <= 1, "batchNorm2d: momentum %s is not in [0, 1]", momentum);
    checkArgument(eps >= 0, "batchNorm2d: eps %s is negative", eps);
    checkChannels("gamma", gamma == null ? null : gamma.shape(), shape, channels);
    checkChannels("beta", beta == null ? null : beta.shape(), shape, channels);
    checkChannels("runningMean", runningMean == null ? null : runningMean.shape(), shape, channels);
    checkChannels("runningVar", runningVar == null ? null : runningVar.shape(), shape, channels);
  }

  private static void checkChannels(String name, Shape actual, Shape input, Shape expected) {
    checkArgument(
        actual == null || actual.equals(expected),
        "batchNorm2d: %s of shape %s does not match input %s; expected shape %s",
        name,
        actual,
        input,
        expected);
  }

  /**
   * Inverted dropout, as PyTorch's {@code dropout}: in training each element is zeroed with
   * probability {@code p}, drawn from {@code rng}, and the survivors are scaled by {@code 1/(1-p)};
   * {@code p == 1} zeroes everything. In evaluation, or with {@code p == 0}, it returns {@code x}
   * itself. The same {@code rng} state gives the same mask.
   */
  public static Variable dropout(Variable x, double p, boolean training, RandomGenerator rng) {
    checkArgument(p >= 0 && p <= 1, "dropout: probability %s is not in [0, 1]", p);
    if (!training || p == 0) {
      return x;
    }
    checkArgument(rng != null, "dropout: training with p = %s needs a random generator", p);
    double scale = 1 / (1 - p);
    Tensor mask = Tensor.rand(rng, x.shape().dims()).map(u -> u < p ? 0.0 : scale);
    return mul(x, new Variable(mask));
  }

  // ---------------------------------------------------------------- losses

  /** Softmax cross-entropy of logits {@code (N,C)} against class labels, averaged over N. */
  public static Variable crossEntropy(Variable logits, int[] labels) {
    return crossEntropy(logits, labels, Reduction.MEAN, 0.0);
  }

  public static Variable crossEntropy(Variable logits, int[] labels, Reduction reduction) {
    return crossEntropy(logits, labels, reduction, 0.0);
  }

  public static Variable crossEntropy(Variable logits, int[] labels, double labelSmoothing) {
    return crossEntropy(logits, labels, Reduction.MEAN, labelSmoothing);
  }

  /**
   * Softmax cross-entropy of logits {@code (N,C)} against class labels in {@code [0, C)}, with the
   * target {@code (1 - labelSmoothing) * onehot + labelSmoothing / C}, as PyTorch's {@code
   * cross_entropy}: {@link SmoothedNll} of {@link #logSoftmax}, stable for large logits.
   */
  public static Variable crossEntropy(
      Variable logits, int[] labels, Reduction reduction, double labelSmoothing) {
    SmoothedNll loss = new SmoothedNll(labels, labelSmoothing);
    ClassLabels.check("crossEntropy", logits.data(), labels); // before logSoftmax's axis check
    return reduction.apply(loss.apply(logSoftmax(logits, 1)));
  }

  /** Negative log-likelihood of log-probabilities {@code (N,C)} at class labels, averaged. */
  public static Variable nll(Variable logProbs, int[] labels) {
    return nll(logProbs, labels, Reduction.MEAN);
  }

  /**
   * {@code -logProbs[i, labels[i]]} per row, reduced, as PyTorch's {@code nll_loss}. Only the
   * labelled entries are read, so {@code -Infinity} elsewhere does no harm.
   */
  public static Variable nll(Variable logProbs, int[] labels, Reduction reduction) {
    ClassLabels.check("nll", logProbs.data(), labels);
    return reduction.apply(neg(gather(logProbs, labels)));
  }

  /** The mean squared error; the shapes must match exactly. */
  public static Variable mse(Variable pred, Variable target) {
    return mse(pred, target, Reduction.MEAN);
  }

  /** {@code (pred - target)^2} elementwise, reduced; the shapes must match exactly. */
  public static Variable mse(Variable pred, Variable target, Reduction reduction) {
    checkSameShape("mse", "pred", pred, "target", target);
    Variable diff = sub(pred, target);
    return reduction.apply(mul(diff, diff));
  }

  /** Binary cross-entropy of {@code sigmoid(logits)} against targets in [0, 1], averaged. */
  public static Variable bceWithLogits(Variable logits, Variable targets) {
    return bceWithLogits(logits, targets, Reduction.MEAN);
  }

  /**
   * Binary cross-entropy of {@code sigmoid(logits)} against {@code targets} elementwise, reduced,
   * in the stable form {@code max(x, 0) - x t + log(1 + e^-|x|)}; the shapes must match exactly.
   */
  public static Variable bceWithLogits(Variable logits, Variable targets, Reduction reduction) {
    checkSameShape("bceWithLogits", "logits", logits, "targets", targets);
    // At x = 0, maximum's tie rule (half the gradient) and abs's zero gradient give σ(0) - t.
    Variable softplusOfMinusAbs = log(add(exp(neg(abs(logits))), 1.0));
    Variable losses = add(sub(maximum(logits, 0.0), mul(logits, targets)), softplusOfMinusAbs);
    return reduction.apply(losses);
  }

  /** Checks that a loss's two operands, named {@code aName} and {@code bName}, have one shape. */
  private static void checkSameShape(
      String op, String aName, Variable a, String bName, Variable b) {
    checkArgument(
        a.shape().equals(b.shape()),
        "%s: %s shape %s and %s shape %s differ",
        op,
        aName,
        a.shape(),
        bName,
        b.shape());
  }
}
