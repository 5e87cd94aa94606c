package org.grad4j.core;

import static org.grad4j.core.CoreAssertions.assertIllegalArgument;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClassLabelsTest {
  @Test
  void countCorrectCountsEqualPositions() {
    assertEquals(2, ClassLabels.countCorrect(new int[] {1, 0, 3, 3}, new int[] {1, 2, 3, 0}));
    assertEquals(0, ClassLabels.countCorrect(new int[0], new int[0]));
  }

  @Test
  void countCorrectRejectsArraysOfDifferentLengths() {
    assertIllegalArgument(
        () -> ClassLabels.countCorrect(new int[3], new int[2]),
        "countCorrect: 3 predictions for 2 labels");
  }
}
