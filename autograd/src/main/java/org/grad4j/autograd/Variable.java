package org.grad4j.autograd;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * A node of the computation graph: a tensor, the gradient computed for it, and the function that
 * created it ({@code null} for a leaf).
 *
 * <p>A leaf that requires grad accumulates ({@code +=}) its gradient over backward passes until
 * {@link #zeroGrad()}. Intermediate variables drop their gradient after the pass unless {@link
 * #retainGrad()} was called.
 *
 * <p>Subclassed only to mark a role (a module's {@code Parameter}); its behaviour is fixed.
 */
public class Variable {
  private final Tensor data;
  private final boolean requiresGrad;
  private final Function creator;
  private Variable grad;
  private boolean retainsGrad;
  private String name;

  /** A leaf holding data that needs no gradient (an input image, a constant). */
  public Variable(Tensor data) {
    this(data, false);
  }

  /** A leaf; with {@code requiresGrad} its gradient is computed by backward passes. */
  public Variable(Tensor data, boolean requiresGrad) {
    this(data, requiresGrad, null);
  }

  Variable(Tensor data, boolean requiresGrad, Function creator) {
    this.data = data;
    this.requiresGrad = requiresGrad;
    this.creator = creator;
  }

  public Tensor data() {
    return data;
  }

  public Shape shape() {
    return data.shape();
  }

  /** The value of a one-element variable. */
  public double item() {
    return data.item();
  }

  /** Whether gradients flow to this variable. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /** The function that produced this variable, or {@code null} for a leaf. */
  public Function creator() {
    return creator;
  }

  public boolean isLeaf() {
    return creator == null;
  }

  /** The gradient from the last backward passes, or {@code null} if none has reached it. */
  public Variable grad() {
    return grad;
  }

  /**
   * Replaces the gradient by {@code grad} (shaped like the data), or forgets it when {@code null}.
   * For optimizer utilities such as gradient clipping, which must not write into a gradient tensor
   * because backward passes may share it with other variables.
   */
  public void setGrad(Tensor grad) {
    checkArgument(
        grad == null || grad.shape().equals(data.shape()),
        "setGrad: gradient of shape %s does not match data of shape %s",
        grad == null ? null : grad.shape(),
        data.shape());
    this.grad = grad == null ? null : new Variable(grad);
  }

  /** Forgets the accumulated gradient. */
  public void zeroGrad() {
    grad = null;
  }

  /** Keeps this intermediate variable's gradient after backward passes. */
  public Variable retainGrad() {
    retainsGrad = true;
    return this;
  }

  boolean retainsGrad() {
    return retainsGrad || isLeaf();
  }

  void accumulateGrad(Variable g) {
    grad = grad == null ? g : F.add(grad, g);
  }

  /** This variable's data as a new leaf outside the graph. */
  public Variable detach() {
    return new Variable(data);
  }

  /** A name shown in error messages and graph exports. */
  public String name() {
    return name;
  }

  public Variable named(String name) {
    this.name = name;
    return this;
  }

  /** Backpropagates from this one-element variable with a seed gradient of 1. */
  public void backward(BackwardOption... options) {
    checkArgument(
        data.size() == 1,
        "backward: implicit seed gradient needs a one-element output, got shape %s; pass a gradient",
        data.shape());
    backward(Tensor.ones(data.shape()), options);
  }

  /** Backpropagates from this variable with the given seed gradient (its shape must match). */
  public void backward(Tensor seed, BackwardOption... options) {
    Engine.run(this, seed, List.of(options), null);
  }

  /** Generation in the graph: 0 for leaves, one more than the creator's for outputs. */
  int generation() {
    return creator == null ? 0 : creator.generation() + 1;
  }

  @Override
  public String toString() {
    String label = name == null ? "Variable" : name;
    return label + data.shape() + (requiresGrad ? " requiresGrad" : "") + "\n" + data;
  }
}
