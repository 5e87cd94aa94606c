package org.grad4j.examples;

import java.util.Map;

/**
 * Reading the {@code recipe.*} and {@code progress.*} entries train writes into its checkpoints.
 */
final class CheckpointMetadata {
  private CheckpointMetadata() {}

  /**
   * The value of {@code key}.
   *
   * @throws IllegalArgumentException naming the key if the checkpoint lacks it
   */
  static String required(Map<String, String> metadata, String key) {
    String value = metadata.get(key);
    if (value == null) {
      throw new IllegalArgumentException(
          "checkpoint metadata has no " + key + "; expected a checkpoint written by grad4j train");
    }
    return value;
  }
}
