package org.grad4j.layers.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;

/**
 * Applies an {@link LrSchedule} to an optimizer, as PyTorch's {@code LRScheduler}: construction
 * remembers the optimizer's learning rate as the initial rate and sets the rate of step 0; each
 * {@link #step()} (after each epoch, or each batch for {@link OneCycleLR}) sets the next one.
 *
 * <pre>{@code
 * LrScheduler scheduler = new LrScheduler(sgd, new CosineAnnealingLR(epochs));
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *   trainOneEpoch(sgd);
 *   scheduler.step();
 * }
 * }</pre>
 *
 * <p>Rates are computed in closed form from the initial rate and the step count, so a schedule does
 * not compound with other changes of the optimizer's rate.
 */
public final class LrScheduler {
  private static final String INITIAL_LR = "initial_lr";
  private static final String LAST_EPOCH = "last_epoch";

  private final Optimizer optimizer;
  private final LrSchedule schedule;
  private double initialLr;
  private int stepCount;

  /**
   * @throws IllegalArgumentException if the schedule's rate at step 0 is invalid
   */
  public LrScheduler(Optimizer optimizer, LrSchedule schedule) {
    this.optimizer = checkNotNull(optimizer, "LrScheduler: optimizer is null");
    this.schedule = checkNotNull(schedule, "LrScheduler: schedule is null");
    initialLr = optimizer.lr();
    optimizer.setLr(schedule.lr(initialLr, 0));
  }

  /**
   * Advances the schedule by one step and sets the optimizer's learning rate.
   *
   * @throws IllegalArgumentException if the schedule ends before this step; nothing changes then
   */
  public void step() {
    optimizer.setLr(schedule.lr(initialLr, stepCount + 1));
    stepCount++;
  }

  /** The learning rate of the current step. */
  public double lr() {
    return schedule.lr(initialLr, stepCount);
  }

  /** How many times {@link #step()} was called (PyTorch's {@code last_epoch}). */
  public int stepCount() {
    return stepCount;
  }

  /** The scheduler's state: {@code "initial_lr"} and {@code "last_epoch"}, as rank-0 tensors. */
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    out.put(INITIAL_LR, Tensor.scalar(initialLr));
    out.put(LAST_EPOCH, Tensor.scalar(stepCount));
    return out;
  }

  /**
   * Restores a state written by {@link #stateDict()} and sets the optimizer's learning rate to the
   * restored step's. Everything is checked before anything changes.
   *
   * @throws IllegalArgumentException naming the key, if a key is missing or unknown, a value is not
   *     a scalar, the step count is not a whole number {@code >= 0}, or the schedule's rate at that
   *     step is invalid
   */
  public void loadStateDict(Map<String, Tensor> dict) {
    checkNotNull(dict, "LrScheduler: loadStateDict: the state is null");
    checkArgument(
        dict.keySet().equals(Set.of(INITIAL_LR, LAST_EPOCH)),
        "LrScheduler: loadStateDict: expected keys [%s, %s], got %s",
        INITIAL_LR,
        LAST_EPOCH,
        dict.keySet());
    double lr0 = scalar(dict, INITIAL_LR);
    double steps = scalar(dict, LAST_EPOCH);
    checkArgument(
        steps >= 0 && steps <= Integer.MAX_VALUE && steps == Math.rint(steps),
        "LrScheduler: loadStateDict: key '%s' holds %s, expected a whole step count >= 0",
        LAST_EPOCH,
        steps);
    double lr = schedule.lr(lr0, (int) steps);
    checkArgument(
        lr >= 0 && lr < Double.POSITIVE_INFINITY,
        "LrScheduler: loadStateDict: key '%s' holds %s, which gives the invalid rate %s",
        INITIAL_LR,
        lr0,
        lr);
    optimizer.setLr(lr);
    initialLr = lr0;
    stepCount = (int) steps;
  }

  private static double scalar(Map<String, Tensor> dict, String key) {
    Tensor t = dict.get(key);
    checkArgument(
        t != null && t.shape().equals(Shape.scalar()),
        "LrScheduler: loadStateDict: key '%s' must hold a scalar, got %s",
        key,
        t == null ? null : t.shape());
    return t.item();
  }
}
