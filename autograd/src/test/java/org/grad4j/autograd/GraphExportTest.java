package org.grad4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.grad4j.core.ConvGeometry;
import org.grad4j.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphExportTest {
  private static Variable smallGraph() {
    Variable x = new Variable(Tensor.ones(1, 1, 3, 3)).named("x");
    Variable w = new Variable(Tensor.ones(2, 1, 2, 2), true).named("w");
    Variable y = F.conv2d(x, w, ConvGeometry.of(2, 1, 0));
    return F.sum(F.mul(y, y)).named("loss");
  }

  private static String label(String dot, String id) {
    Matcher m = Pattern.compile("  " + id + " \\[label=\"([^\"]*)\"").matcher(dot);
    assertTrue(m.find(), () -> "no node " + id + " in\n" + dot);
    return m.group(1);
  }

  @Test
  void oneNodePerVariableAndFunctionWithDataFlowEdges() {
    String dot = GraphExport.toDot(smallGraph());
    assertTrue(dot.startsWith("digraph grad4j {"), dot);
    assertEquals("loss\\n()", label(dot, "v0"));
    long functions = dot.lines().filter(l -> l.contains("shape=box")).count();
    long variables = dot.lines().filter(l -> l.contains("shape=ellipse")).count();
    // Sum, Mul, Conv2d; loss, the product, y, x, w (y enters Mul twice but is one node).
    assertEquals(3, functions, dot);
    assertEquals(5, variables, dot);
    String[] ops =
        dot.lines()
            .filter(l -> l.contains("shape=box"))
            .map(l -> l.replaceAll(".*label=\"([^\"]*)\".*", "$1"))
            .sorted()
            .toArray(String[]::new);
    assertArrayEquals(new String[] {"Conv2d", "Mul", "Sum"}, ops, Arrays.toString(ops));
    String edges = String.join("\n", dot.lines().filter(l -> l.contains("->")).toList());
    String conv = dot.lines().filter(l -> l.contains("\"Conv2d\"")).findFirst().orElseThrow();
    String convId = conv.trim().split(" ")[0];
    String xId = dot.lines().filter(l -> l.contains("\"x\\n(1,1,3,3)\"")).findFirst().orElseThrow();
    assertTrue(edges.contains(xId.trim().split(" ")[0] + " -> " + convId), edges);
    assertTrue(edges.indexOf("-> " + convId) < edges.indexOf(convId + " ->"), "data-flow order");
  }

  @Test
  void rendersWithGraphvizWhenPresent(@TempDir Path dir) throws Exception {
    String dot = GraphExport.toDot(smallGraph());
    Path source = dir.resolve("graph.dot");
    Files.writeString(source, dot, StandardCharsets.UTF_8);
    boolean graphviz =
        Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .anyMatch(p -> Files.isExecutable(Path.of(p, "dot")));
    if (!graphviz) {
      assertTrue(dot.endsWith("}\n"), "without Graphviz only the text is checked");
      return;
    }
    Path png = dir.resolve("graph.png");
    Process p =
        new ProcessBuilder("dot", "-Tpng", source.toString(), "-o", png.toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dot did not finish");
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), output);
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
  }
}
