package org.grad4j.layers.io;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grad4j.core.Tensor;

/**
 * Several named state maps and string metadata in one safetensors file: a training checkpoint.
 *
 * <pre>{@code
 * new Checkpoint(
 *         Map.of("model", model.stateDict(), "optimizer", optimizer.stateDict()),
 *         Map.of("epoch", "7"))
 *     .write(path);
 * Checkpoint c = Checkpoint.read(path);
 * model.loadStateDict(c.section("model"));
 * }</pre>
 *
 * <p>A tensor {@code "0.weight"} of section {@code "model"} is stored as {@code "model.0.weight"},
 * so PyTorch sees an ordinary safetensors file. The section names are also recorded in the metadata
 * under {@value #SECTIONS_KEY} (comma-separated), so an empty section (an optimizer without state
 * yet) survives the round trip and a file that is not a checkpoint is recognised.
 *
 * @param sections state maps by section name, in order; names are non-empty, without dots or commas
 * @param metadata free-form strings (epoch, random-generator state, ...), without {@value
 *     #SECTIONS_KEY}
 */
public record Checkpoint(Map<String, Map<String, Tensor>> sections, Map<String, String> metadata) {
  /** The metadata key listing the section names; reserved. */
  public static final String SECTIONS_KEY = "grad4j.sections";

  /**
   * Copies both maps (the tensors themselves are not copied).
   *
   * @throws IllegalArgumentException if a section name is invalid or the metadata uses {@value
   *     #SECTIONS_KEY}
   */
  public Checkpoint {
    sections
        .keySet()
        .forEach(
            name ->
                checkArgument(
                    !name.isEmpty() && !name.contains(".") && !name.contains(","),
                    "Checkpoint: section name '%s' must be non-empty, without dots or commas",
                    name));
    checkArgument(
        !metadata.containsKey(SECTIONS_KEY),
        "Checkpoint: metadata key '%s' is reserved for the section names",
        SECTIONS_KEY);
    ImmutableMap.Builder<String, Map<String, Tensor>> copy = ImmutableMap.builder();
    sections.forEach((name, state) -> copy.put(name, ImmutableMap.copyOf(state)));
    sections = copy.build();
    metadata = ImmutableMap.copyOf(metadata);
  }

  /**
   * The state map of section {@code name}.
   *
   * @throws IllegalArgumentException if there is no such section
   */
  public Map<String, Tensor> section(String name) {
    checkArgument(
        sections.containsKey(name),
        "Checkpoint: no section '%s'; the sections are %s",
        name,
        sections.keySet());
    return sections.get(name);
  }

  /**
   * Writes every section and the metadata to {@code file}, atomically (see {@link Safetensors}).
   */
  public void write(Path file) throws IOException {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    sections.forEach(
        (section, state) -> state.forEach((name, t) -> tensors.put(section + "." + name, t)));
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put(SECTIONS_KEY, String.join(",", sections.keySet()));
    Safetensors.write(file, tensors, meta);
  }

  /**
   * Reads a checkpoint written by {@link #write}.
   *
   * @throws SafetensorsFormatException if the file is not valid safetensors, lacks the {@value
   *     #SECTIONS_KEY} metadata, or holds a tensor outside the listed sections
   * @throws IOException if the file cannot be read
   */
  public static Checkpoint read(Path file) throws IOException {
    return fromContents(file, Safetensors.read(file));
  }

  /**
   * The checkpoint held by {@code contents}, already read from {@code file}.
   *
   * @throws SafetensorsFormatException if the contents lack the {@value #SECTIONS_KEY} metadata or
   *     hold a tensor outside the listed sections
   */
  public static Checkpoint fromContents(Path file, Safetensors.Contents contents)
      throws SafetensorsFormatException {
    Map<String, String> metadata = new LinkedHashMap<>(contents.metadata());
    String names = metadata.remove(SECTIONS_KEY);
    if (names == null) {
      throw new SafetensorsFormatException(
          file, "not a grad4j checkpoint: the metadata has no '" + SECTIONS_KEY + "' entry");
    }
    Map<String, Map<String, Tensor>> sections = new LinkedHashMap<>();
    for (String name : Splitter.on(',').omitEmptyStrings().split(names)) {
      sections.put(name, new LinkedHashMap<>());
    }
    for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
      List<String> parts = Splitter.on('.').limit(2).splitToList(e.getKey());
      Map<String, Tensor> section = parts.size() == 2 ? sections.get(parts.get(0)) : null;
      if (section == null) {
        throw new SafetensorsFormatException(
            file,
            String.format(
                "tensor '%s' belongs to none of the checkpoint's sections %s",
                e.getKey(), sections.keySet()));
      }
      section.put(parts.get(1), e.getValue());
    }
    try {
      return new Checkpoint(sections, metadata);
    } catch (IllegalArgumentException e) {
      throw new SafetensorsFormatException(file, "not a valid grad4j checkpoint", e);
    }
  }
}
