package org.grad4j.autograd;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The graph behind a variable as Graphviz DOT text: an ellipse per Variable (its name, if any, and
 * shape), a box per Function (its op name), edges in data-flow order (input → function → output).
 * Render it with {@code dot -Tpng graph.dot -o graph.png}.
 */
public final class GraphExport {
  private GraphExport() {}

  /**
   * The DOT text for the graph that produced {@code root}.
   *
   * @throws IllegalStateException if a backward pass already freed part of the graph
   */
  public static String toDot(Variable root) {
    Map<Object, String> ids = new IdentityHashMap<>();
    StringBuilder nodes = new StringBuilder();
    Deque<String> edges = new ArrayDeque<>();
    Deque<Variable> todo = new ArrayDeque<>();
    node(root, ids, nodes);
    todo.push(root);
    while (!todo.isEmpty()) {
      Variable v = todo.pop();
      Function f = v.creator();
      if (f == null || ids.containsKey(f)) {
        continue;
      }
      String fid = "f" + ids.size();
      ids.put(f, fid);
      nodes.append(String.format("  %s [label=\"%s\", shape=box];%n", fid, escape(f.name())));
      edges.push(String.format("  %s -> %s;%n", fid, ids.get(v)));
      for (Variable x : f.inputs()) {
        if (!ids.containsKey(x)) {
          node(x, ids, nodes);
          todo.push(x);
        }
        edges.push(String.format("  %s -> %s;%n", ids.get(x), fid));
      }
    }
    // Edges were found walking back from the root; listed in reverse they follow the data flow.
    return "digraph grad4j {\n  rankdir=LR;\n" + nodes + String.join("", edges) + "}\n";
  }

  private static void node(Variable v, Map<Object, String> ids, StringBuilder nodes) {
    String id = "v" + ids.size();
    ids.put(v, id);
    String label = (v.name() == null ? "" : v.name() + "\\n") + v.shape();
    String style = v.isLeaf() && v.requiresGrad() ? ", style=filled, fillcolor=lightblue" : "";
    nodes.append(
        String.format("  %s [label=\"%s\", shape=ellipse%s];%n", id, escape(label), style));
  }

  private static String escape(String s) {
    return s.replace("\"", "\\\"");
  }
}
