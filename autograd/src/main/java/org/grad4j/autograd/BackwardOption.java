package org.grad4j.autograd;

/** Options of a backward pass, as in PyTorch's {@code backward(retain_graph, create_graph)}. */
public enum BackwardOption {
  /**
   * Keep the graph after the pass so that backward can run through it again. Without it, each
   * function releases what it saved, and a second pass fails.
   */
  RETAIN_GRAPH,
  /**
   * Record the backward pass itself as a graph, so that the gradients can be differentiated again
   * (second derivatives). Implies {@link #RETAIN_GRAPH}.
   */
  CREATE_GRAPH
}
