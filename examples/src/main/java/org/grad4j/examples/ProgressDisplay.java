package org.grad4j.examples;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** What the user sees during an epoch: a progress bar with loss, accuracy, images/s and ETA. */
interface ProgressDisplay {
  void startEpoch(int epoch, int epochs, int batches, int alreadyDone);

  void batchDone(double meanLoss, double accuracy, double imagesPerSecond);

  void finishEpoch();

  /** Shows nothing (tests, logs). */
  ProgressDisplay NONE =
      new ProgressDisplay() {
        @Override
        public void startEpoch(int epoch, int epochs, int batches, int alreadyDone) {}

        @Override
        public void batchDone(double meanLoss, double accuracy, double imagesPerSecond) {}

        @Override
        public void finishEpoch() {}
      };

  /** A progress bar on {@code stream}, redrawn at most every half second. */
  static ProgressDisplay bar(PrintStream stream) {
    return new ProgressDisplay() {
      private ProgressBar bar;

      @Override
      public void startEpoch(int epoch, int epochs, int batches, int alreadyDone) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(String.format("epoch %d/%d", epoch, epochs))
                .setInitialMax(batches)
                .setUnit(" batches", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .build();
        bar.stepTo(alreadyDone);
      }

      @Override
      public void batchDone(double meanLoss, double accuracy, double imagesPerSecond) {
        bar.step();
        bar.setExtraMessage(
            String.format(
                "loss %.4f acc %.1f%% %.0f img/s", meanLoss, 100 * accuracy, imagesPerSecond));
      }

      @Override
      public void finishEpoch() {
        bar.close();
      }
    };
  }
}
