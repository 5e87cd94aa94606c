package org.grad4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointMetadataTest {
  @Test
  void aMissingRecipeEntryIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Recipe.fromMetadata(Map.of()));
    assertEquals(
        "checkpoint metadata has no recipe.optimizer; expected a checkpoint written by grad4j"
            + " train",
        e.getMessage());
  }

  @Test
  void aMissingProgressEntryIsNamed() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Trainer.Progress.fromMetadata(Map.of("progress.epoch", "1")));
    assertEquals(
        "checkpoint metadata has no progress.batch; expected a checkpoint written by grad4j"
            + " train",
        e.getMessage());
  }
}
