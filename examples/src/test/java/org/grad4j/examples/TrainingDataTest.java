package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
  @Test
  void theEmbeddedSubsetIsClassBalancedAndSaysHowToGetTheFullSet() throws IOException {
    TrainingData data = TrainingData.embeddedFashion();
    assertEquals(5_000, data.train().size());
    assertEquals(1_000, data.test().size());
    int[] perClass = new int[10];
    for (int i = 0; i < data.test().size(); i++) {
      perClass[data.test().label(i)]++;
    }
    for (int count : perClass) {
      assertEquals(100, count);
    }
    assertEquals(28, data.train().rows());
    assertTrue(data.description().contains("apt-get install dataset-fashion-mnist"));
  }
}
