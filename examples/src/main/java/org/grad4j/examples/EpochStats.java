package org.grad4j.examples;

/** One epoch's numbers: the row of the metrics CSV and a point of the plots. */
record EpochStats(
    int epoch,
    double trainLoss,
    double trainAccuracy,
    double testLoss,
    double testAccuracy,
    double lr,
    double seconds) {
  static final String CSV_HEADER =
      "epoch,train_loss,train_accuracy,test_loss,test_accuracy,lr,seconds";

  String csvRow() {
    return String.format(
        java.util.Locale.ROOT,
        "%d,%.6f,%.6f,%.6f,%.6f,%.6g,%.2f",
        epoch,
        trainLoss,
        trainAccuracy,
        testLoss,
        testAccuracy,
        lr,
        seconds);
  }

  static EpochStats parse(String row) {
    String[] f = row.split(",");
    return new EpochStats(
        Integer.parseInt(f[0]),
        Double.parseDouble(f[1]),
        Double.parseDouble(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        Double.parseDouble(f[5]),
        Double.parseDouble(f[6]));
  }
}
