package org.grad4j.layers.optim;

/**
 * A learning-rate schedule in closed form: the rate after a number of scheduler steps. Schedules
 * are immutable values; an {@link LrScheduler} applies one to an optimizer.
 */
public interface LrSchedule {
  /**
   * The learning rate after {@code step} scheduler steps ({@code step = 0} at the start).
   *
   * @param initialLr the optimizer's learning rate when scheduling began
   * @throws IllegalArgumentException if the schedule does not reach {@code step}
   */
  double lr(double initialLr, int step);
}
