package org.grad4j.layers;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Sets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.grad4j.autograd.GradMode;
import org.grad4j.autograd.Scope;
import org.grad4j.autograd.Variable;
import org.grad4j.core.Shape;
import org.grad4j.core.Tensor;
import org.grad4j.layers.io.Safetensors;
import org.grad4j.layers.io.SafetensorsFormatException;

/**
 * A building block of a network, as PyTorch's {@code nn.Module}: it computes {@link #forward}, owns
 * named parameters, buffers (state that is saved but not learned, such as BatchNorm's running
 * statistics) and child modules, and switches between training and evaluation mode.
 *
 * <p>Names are hierarchical, joined with dots as PyTorch writes them: a child registered as {@code
 * "features"} whose child {@code "0"} has a parameter {@code "weight"} gives {@code
 * "features.0.weight"}.
 */
public abstract class Module {
  private final Map<String, Parameter> parameters = new LinkedHashMap<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Computes this module's output. */
  public abstract Variable forward(Variable input);

  /** Registers a learnable tensor under {@code name} and returns it as a parameter. */
  protected final Parameter registerParameter(String name, Tensor initial) {
    checkName(name);
    Parameter p = new Parameter(initial);
    parameters.put(name, p);
    return p;
  }

  /** Registers a saved, non-learned tensor under {@code name}; it is updated in place. */
  protected final Tensor registerBuffer(String name, Tensor initial) {
    checkName(name);
    buffers.put(name, initial);
    return initial;
  }

  /** Registers a child module under {@code name} and returns it. */
  protected final <M extends Module> M registerModule(String name, M module) {
    checkName(name);
    children.put(name, module);
    return module;
  }

  private void checkName(String name) {
    checkArgument(
        !name.isEmpty() && !name.contains("."),
        "%s: name '%s' must be non-empty and without dots",
        getClass().getSimpleName(),
        name);
    checkArgument(
        !parameters.containsKey(name) && !buffers.containsKey(name) && !children.containsKey(name),
        "%s: name '%s' is already registered",
        getClass().getSimpleName(),
        name);
  }

  /** The direct children, by name, in registration order. */
  public final Map<String, Module> children() {
    return Collections.unmodifiableMap(children);
  }

  /** Every parameter of this module and its descendants, by hierarchical name. */
  public final Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    visit("", out::put, (name, b) -> {});
    return out;
  }

  /** Every buffer of this module and its descendants, by hierarchical name. */
  public final Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    visit("", (name, p) -> {}, out::put);
    return out;
  }

  /**
   * Every parameter's data and every buffer, by hierarchical name, in PyTorch's {@code
   * state_dict()} order: a module's parameters, then its buffers, then its children's entries
   * ({@code "0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", ...}).
   *
   * <p>The map is immutable but its tensors are the module's own, not copies: they change as the
   * module trains. Copy them for a snapshot.
   */
  public final Map<String, Tensor> stateDict() {
    ImmutableMap.Builder<String, Tensor> out = ImmutableMap.builder();
    visit("", (name, p) -> out.put(name, p.data()), out::put);
    return out.build();
  }

  /** Calls {@code onParameter} and {@code onBuffer} in {@link #stateDict()} order. */
  private void visit(
      String prefix,
      BiConsumer<String, Parameter> onParameter,
      BiConsumer<String, Tensor> onBuffer) {
    parameters.forEach((name, p) -> onParameter.accept(prefix + name, p));
    buffers.forEach((name, b) -> onBuffer.accept(prefix + name, b));
    children.forEach((name, child) -> child.visit(prefix + name + ".", onParameter, onBuffer));
  }

  /**
   * Overwrites every parameter and buffer with the tensor of the same name in {@code state}, as
   * PyTorch's strict {@code load_state_dict}. All names and shapes are checked first; only when
   * they all match are the values copied in place, so on failure the module is unchanged.
   *
   * @throws IllegalArgumentException listing every missing key, unexpected key and shape mismatch
   *     (name, expected shape, found shape)
   */
  public final void loadStateDict(Map<String, Tensor> state) {
    Map<String, Tensor> own = stateDict();
    List<String> problems = new ArrayList<>();
    List<String> missing = new ArrayList<>(Sets.difference(own.keySet(), state.keySet()));
    if (!missing.isEmpty()) {
      problems.add("missing keys " + missing);
    }
    List<String> unexpected = new ArrayList<>(Sets.difference(state.keySet(), own.keySet()));
    if (!unexpected.isEmpty()) {
      problems.add("unexpected keys " + unexpected);
    }
    own.forEach(
        (name, target) -> {
          if (state.containsKey(name)) {
            Tensor source = state.get(name);
            Object found = source == null ? null : source.shape();
            if (!target.shape().equals(found)) {
              problems.add(
                  String.format(
                      "shape mismatch for '%s': expected %s, found %s",
                      name, target.shape(), found));
            }
          }
        });
    checkArgument(
        problems.isEmpty(),
        "%s.loadStateDict: nothing was loaded because of %s",
        getClass().getSimpleName(),
        String.join("; ", problems));
    own.forEach((name, target) -> target.copyFromInPlace(state.get(name)));
  }

  /**
   * Saves {@link #stateDict()} to a safetensors {@code file} (F64), replacing it atomically.
   *
   * @see Safetensors#write
   */
  public final void save(Path file) throws IOException {
    Safetensors.write(file, stateDict(), Map.of());
  }

  /**
   * Reads a safetensors {@code file} (F64, or F32 widened) and {@linkplain #loadStateDict loads}
   * it. A malformed file, a missing or unexpected name or a shape mismatch leaves the module
   * unchanged.
   *
   * @throws SafetensorsFormatException if the file is not valid safetensors of F64 or F32
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if the names or shapes do not match this module's
   */
  public final void load(Path file) throws IOException {
    loadStateDict(Safetensors.read(file).tensors());
  }

  /** Every parameter, in the order of {@link #namedParameters()}. */
  public final List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /** The number of learnable scalars. */
  public final long parameterCount() {
    long n = 0;
    for (Parameter p : namedParameters().values()) {
      n += p.data().size();
    }
    return n;
  }

  /** Forgets every parameter's gradient. */
  public final void zeroGrad() {
    namedParameters().values().forEach(Variable::zeroGrad);
  }

  /** Training mode (the default) for this module and its descendants. */
  public final Module train() {
    setTraining(true);
    return this;
  }

  /** Evaluation mode (dropout off, BatchNorm on running statistics) for this and descendants. */
  public final Module eval() {
    setTraining(false);
    return this;
  }

  private void setTraining(boolean on) {
    training = on;
    children.values().forEach(c -> c.setTraining(on));
  }

  public final boolean isTraining() {
    return training;
  }

  /** Every module's mode, this one's and its descendants'. */
  private void collectModes(Map<Module, Boolean> out) {
    out.put(this, training);
    children.values().forEach(c -> c.collectModes(out));
  }

  /**
   * A table of the layers, as Keras's {@code model.summary()} prints it: one row per layer with its
   * hierarchical name, class, output shape and parameter count, then the total number of
   * parameters. {@link Sequential}s are opened up (their children's rows replace theirs); any other
   * module, composite or not, is one row. For {@code SmallCNN.create(rng).summary(Shape.of(1, 1,
   * 28, 28))}:
   *
   * <pre>
   * Layer  Type       Output shape  Param #
   * =======================================
   * 0      Conv2d     (1,32,28,28)      320
   * 1      ReLU       (1,32,28,28)        0
   * ...
   * 9      Linear     (1,10)          1,290
   * =======================================
   * Total params: 421,642
   * </pre>
   *
   * <p>The output shapes come from one forward pass on zeros of {@code inputShape} (batch axis
   * included), run without recording a graph and in evaluation mode, so nothing is learned and no
   * running statistic moves; every module's mode is restored afterwards.
   *
   * @throws IllegalArgumentException if a layer rejects its input; the message names the layer and
   *     the shape it got
   */
  public final String summary(Shape inputShape) {
    Map<Module, Boolean> modes = new IdentityHashMap<>();
    collectModes(modes);
    List<SummaryRow> rows = new ArrayList<>();
    try (Scope noGrad = GradMode.disabled()) {
      eval();
      summarize("", new Variable(Tensor.zeros(inputShape)), rows);
    } finally {
      modes.forEach((module, mode) -> module.training = mode);
    }
    return SummaryRow.table(rows, parameterCount());
  }

  /**
   * Runs {@link #forward} on {@code input} for {@link #summary}, adding this module's rows under
   * {@code name}, and returns the output.
   */
  Variable summarize(String name, Variable input, List<SummaryRow> rows) {
    Variable output;
    try {
      output = forward(input);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          String.format(
              "summary: layer '%s' (%s) rejected its input of shape %s: %s",
              name, getClass().getSimpleName(), input.shape(), e.getMessage()),
          e);
    }
    rows.add(new SummaryRow(name, getClass().getSimpleName(), output.shape(), parameterCount()));
    return output;
  }

  /** One row of {@link #summary}. */
  record SummaryRow(String name, String type, Shape output, long parameters) {
    private static final List<String> HEADER = List.of("Layer", "Type", "Output shape", "Param #");

    private List<String> cells() {
      return List.of(name, type, output.toString(), count(parameters));
    }

    private static String count(long n) {
      return String.format(Locale.ROOT, "%,d", n);
    }

    /** The rows under a header, columns padded to their widest cell, and the total. */
    static String table(List<SummaryRow> rows, long total) {
      List<List<String>> body = rows.stream().map(SummaryRow::cells).toList();
      int[] widths = HEADER.stream().mapToInt(String::length).toArray();
      for (List<String> cells : body) {
        for (int i = 0; i < widths.length; i++) {
          widths[i] = Math.max(widths[i], cells.get(i).length());
        }
      }
      String format =
          String.format(
              "%%-%ds  %%-%ds  %%-%ds  %%%ds\n", widths[0], widths[1], widths[2], widths[3]);
      String rule = "=".repeat(Arrays.stream(widths).sum() + 2 * (widths.length - 1)) + "\n";
      StringBuilder sb = new StringBuilder(String.format(format, HEADER.toArray())).append(rule);
      body.forEach(cells -> sb.append(String.format(format, cells.toArray())));
      return sb.append(rule).append("Total params: ").append(count(total)).append('\n').toString();
    }
  }

  /** A one-line description of this module's own settings, as in PyTorch's {@code extra_repr}. */
  protected String describe() {
    return "";
  }

  /** The module tree, one line per module, as PyTorch prints it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(').append(describe());
    if (!children.isEmpty()) {
      sb.append('\n');
      children.forEach(
          (name, child) ->
              sb.append("  (")
                  .append(name)
                  .append("): ")
                  .append(child.toString().replace("\n", "\n  "))
                  .append('\n'));
    }
    return sb.append(')').toString();
  }
}
