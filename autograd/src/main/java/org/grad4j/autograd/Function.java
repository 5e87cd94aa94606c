package org.grad4j.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import org.grad4j.core.Tensor;

/**
 * A differentiable operation with one output: {@link #forward} computes on tensors, {@link
 * #backward} expresses the input gradients with Variable ops, so that a backward pass run with
 * {@link BackwardOption#CREATE_GRAPH} is itself recorded and can be differentiated again.
 *
 * <p>A function instance is applied once. When grad mode is on and some input requires grad, it
 * records itself as the creator of its output; otherwise it leaves no trace. Subclasses keep what
 * {@code backward} needs with {@link #saveForBackward} and may skip gradients nobody needs with
 * {@link #needsInputGrad}.
 *
 * <pre>{@code
 * final class Square extends Function {
 *   protected Tensor forward(Tensor... in) { return in[0].mul(in[0]); }
 *   protected Variable[] backward(Variable gy) {
 *     return new Variable[] {F.mul(gy, F.mul(input(0), 2.0))};
 *   }
 * }
 * Variable y = new Square().apply(x);
 * }</pre>
 */
public abstract class Function {
  private Variable[] inputs;
  private Variable output;
  private Tensor[] saved;
  private boolean recording;
  private boolean released;
  private int generation;
  private Throwable forwardTrace;

  /**
   * Computes the output from the inputs' data. Must not modify its arguments; validates them and
   * throws {@link IllegalArgumentException} naming the op and the shapes.
   */
  protected abstract Tensor forward(Tensor... inputs);

  /**
   * The gradient with respect to each input, given the gradient of the output, written with
   * Variable ops. An entry may be {@code null} where {@link #needsInputGrad} is false.
   *
   * <p>Keep neither {@code gradOutput} nor the returned gradients beyond the call (outside the
   * graph a {@link BackwardOption#CREATE_GRAPH} pass records): once the engine has delivered them,
   * their storage may be reused for the next gradients.
   */
  protected abstract Variable[] backward(Variable gradOutput);

  /** The op name used in messages and graph exports; the class name by default. */
  public String name() {
    return getClass().getSimpleName();
  }

  /** Runs the op on {@code inputs} and, when recording, links the output into the graph. */
  public final Variable apply(Variable... inputs) {
    checkArgument(this.inputs == null, "%s: a Function instance can be applied only once", name());
    this.inputs = inputs.clone();
    boolean anyRequiresGrad = false;
    for (Variable x : inputs) {
      anyRequiresGrad |= x.requiresGrad();
    }
    recording = anyRequiresGrad && GradMode.isEnabled();
    Tensor[] data = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      data[i] = inputs[i].data();
    }
    Tensor out = forward(data);
    if (AnomalyMode.checksForward()) {
      forwardTrace = AnomalyMode.forwardTrace(this);
      AnomalyMode.check(out, "output", this, null);
    }
    if (!recording) {
      this.inputs = new Variable[0];
      this.saved = null;
      return new Variable(out);
    }
    for (Variable x : inputs) {
      generation = Math.max(generation, x.generation());
    }
    output = new Variable(out, true, this);
    return output;
  }

  /** Input {@code i} as a Variable, for writing the backward formula. */
  protected final Variable input(int i) {
    checkState();
    return inputs[i];
  }

  /** Number of inputs this function was applied to. */
  protected final int inputCount() {
    return inputs.length;
  }

  /** Whether input {@code i} needs a gradient in this graph (known during forward too). */
  protected final boolean needsInputGrad(int i) {
    return recording && inputs[i].requiresGrad();
  }

  /** Keeps tensors for the backward pass; they are dropped when the graph is released. */
  protected final void saveForBackward(Tensor... tensors) {
    if (recording) {
      saved = tensors.clone();
    }
  }

  /** Tensor {@code i} kept by {@link #saveForBackward}. */
  protected final Tensor saved(int i) {
    checkState();
    return saved[i];
  }

  private void checkState() {
    if (released) {
      throw new IllegalStateException(
          name()
              + ": the graph was already freed by a backward pass; call backward"
              + " with BackwardOption.RETAIN_GRAPH the first time to run backward through it again");
    }
  }

  Variable[] inputs() {
    checkState();
    return inputs;
  }

  /**
   * The output as a Variable, for backward formulas written in terms of the result (as {@code
   * exp}'s derivative is {@code exp(x)} itself).
   */
  protected final Variable output() {
    checkState();
    return output;
  }

  /** The forward call's stack if anomaly mode was on when it ran, else {@code null}. */
  Throwable forwardTrace() {
    return forwardTrace;
  }

  int generation() {
    return generation;
  }

  /** Drops inputs and saved tensors after a backward pass that does not retain the graph. */
  void release() {
    if (released) {
      return;
    }
    if (saved != null) {
      releaseSaved();
    }
    released = true;
    inputs = null;
    saved = null;
  }

  /**
   * Called once when the graph drops the tensors this function saved, after a backward pass that
   * did not retain the graph: a function whose saved tensors nothing else can reach may hand their
   * storage back for reuse here. Does nothing by default.
   */
  protected void releaseSaved() {}

  @Override
  public String toString() {
    return name();
  }
}
