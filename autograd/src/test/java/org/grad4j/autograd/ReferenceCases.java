package org.grad4j.autograd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.grad4j.core.Tensor;

/**
 * Reference numbers from PyTorch, stored as test resources under {@code /reference/} and written by
 * {@code make_reference.py} beside them.
 *
 * <p>The format is line based; {@code #} lines and blank lines are ignored:
 *
 * <pre>
 * case &lt;name&gt;
 * param &lt;key&gt; &lt;int or double&gt;
 * tensor &lt;key&gt; &lt;dims separated by spaces, or - for a scalar&gt;
 * &lt;all values on one line, row-major, separated by spaces&gt;
 * end
 * </pre>
 */
public final class ReferenceCases {
  private ReferenceCases() {}

  /** One named case: integer/double parameters and tensors, looked up by key. */
  public static final class Case {
    private final String name;
    private final Map<String, String> params;
    private final Map<String, Tensor> tensors;

    private Case(String name, Map<String, String> params, Map<String, Tensor> tensors) {
      this.name = name;
      this.params = Collections.unmodifiableMap(params);
      this.tensors = Collections.unmodifiableMap(tensors);
    }

    public String name() {
      return name;
    }

    public boolean hasTensor(String key) {
      return tensors.containsKey(key);
    }

    public boolean hasParam(String key) {
      return params.containsKey(key);
    }

    /** The tensor stored under {@code key}; each call returns a fresh copy. */
    public Tensor tensor(String key) {
      Tensor t = tensors.get(key);
      if (t == null) {
        throw new IllegalArgumentException(
            "case " + name + ": no tensor '" + key + "'; it has " + tensors.keySet());
      }
      return Tensor.of(t.toArray(), t.shape().dims());
    }

    public int intParam(String key) {
      String text = param(key);
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "case " + name + ": param '" + key + "' is " + text + ", not an integer", e);
      }
    }

    /** The parameter as a double; integer-valued parameters are accepted too. */
    public double doubleParam(String key) {
      return Double.parseDouble(param(key));
    }

    private String param(String key) {
      String text = params.get(key);
      if (text == null) {
        throw new IllegalArgumentException(
            "case " + name + ": no param '" + key + "'; it has " + params.keySet());
      }
      return text;
    }

    /** The case's name, so parameterized tests are named after it. */
    @Override
    public String toString() {
      return name;
    }
  }

  /**
   * Reads the cases of a classpath resource such as {@code /reference/conv2d.txt}, in file order.
   *
   * @throws IllegalArgumentException if the resource is missing or malformed; the message names the
   *     resource and line
   */
  public static List<Case> load(String resource) {
    InputStream in = ReferenceCases.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalArgumentException(
          "reference resource " + resource + " not found on the classpath; run make_reference.py");
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return new Parser(resource, reader).parse();
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + resource, e);
    }
  }

  private static final class Parser {
    private final String resource;
    private final BufferedReader reader;
    private int lineNumber;

    Parser(String resource, BufferedReader reader) {
      this.resource = resource;
      this.reader = reader;
    }

    List<Case> parse() throws IOException {
      List<Case> cases = new ArrayList<>();
      List<String> names = new ArrayList<>();
      String name = null;
      Map<String, String> params = null;
      Map<String, Tensor> tensors = null;
      String line;
      while ((line = nextLine()) != null) {
        String[] f = line.split("\\s+");
        switch (f[0]) {
          case "case" -> {
            check(name == null, "'case' before the 'end' of case " + name);
            check(f.length == 2, "expected 'case <name>'");
            check(!names.contains(f[1]), "duplicate case " + f[1]);
            name = f[1];
            names.add(name);
            params = new LinkedHashMap<>();
            tensors = new LinkedHashMap<>();
          }
          case "param" -> {
            check(name != null, "'param' outside a case");
            check(f.length == 3, "expected 'param <key> <value>'");
            check(!params.containsKey(f[1]), "duplicate param " + f[1]);
            parseNumber(f[2]);
            params.put(f[1], f[2]);
          }
          case "tensor" -> {
            check(name != null, "'tensor' outside a case");
            check(f.length >= 3, "expected 'tensor <key> <dims or ->'");
            check(!tensors.containsKey(f[1]), "duplicate tensor " + f[1]);
            tensors.put(f[1], readTensor(f));
          }
          case "end" -> {
            check(name != null, "'end' outside a case");
            cases.add(new Case(name, params, tensors));
            name = null;
          }
          default -> throw error("unknown keyword '" + f[0] + "'");
        }
      }
      check(name == null, "case " + name + " has no 'end'");
      return cases;
    }

    private Tensor readTensor(String[] header) throws IOException {
      int[] dims;
      if (header.length == 3 && header[2].equals("-")) {
        dims = new int[0];
      } else {
        dims = new int[header.length - 2];
        for (int i = 0; i < dims.length; i++) {
          dims[i] = (int) parseNumber(header[i + 2]);
          check(dims[i] >= 0 && dims[i] == parseNumber(header[i + 2]), "bad dimension");
        }
      }
      String values = reader.readLine();
      lineNumber++;
      check(values != null, "tensor " + header[1] + " has no line of values");
      String trimmed = values.strip();
      String[] parts = trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
      double[] data = new double[parts.length];
      for (int i = 0; i < parts.length; i++) {
        data[i] = parseNumber(parts[i]);
      }
      int size = 1;
      for (int d : dims) {
        size *= d;
      }
      check(
          data.length == size,
          "tensor " + header[1] + " has " + data.length + " values for " + size + " elements");
      return Tensor.of(data, dims);
    }

    private double parseNumber(String text) {
      try {
        return Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error("'" + text + "' is not a number");
      }
    }

    /** The next line that is neither blank nor a comment, stripped, or {@code null} at the end. */
    private String nextLine() throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          return line;
        }
      }
      return null;
    }

    private void check(boolean condition, String message) {
      if (!condition) {
        throw error(message);
      }
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException(resource + ":" + lineNumber + ": " + message);
    }
  }
}
