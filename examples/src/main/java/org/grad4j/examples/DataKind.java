package org.grad4j.examples;

import java.util.List;

/** The two data sets in the IDX format, with their class names. */
enum DataKind {
  FASHION(
      "Fashion-MNIST",
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot")),
  MNIST("MNIST", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));

  final String title;
  final List<String> classNames;

  DataKind(String title, List<String> classNames) {
    this.title = title;
    this.classNames = classNames;
  }
}
