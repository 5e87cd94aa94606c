package org.grad4j.core;

import org.ejml.data.DMatrixRMaj;

/**
 * An implementation of the dense matrix product behind {@link MatMul}: EJML ({@code "ejml"}, the
 * default) or the JDK Vector API ({@code "vector"}). Obtain one with {@link
 * MatMul#backend(String)}.
 */
public interface MatMulBackend {
  /** The name that selects this backend through the {@code grad4j.matmul} system property. */
  String name();

  /**
   * Writes {@code c = op(a) · op(b)}, where {@code op} transposes its matrix when the flag is set.
   * Modifies only {@code c}, which must already have the product's shape; large products use the
   * shared worker threads ({@code grad4j.threads}).
   *
   * @throws IllegalArgumentException if the inner dimensions differ, {@code c} has the wrong shape
   *     or shares storage with an operand
   */
  void multiply(DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB, DMatrixRMaj c);
}
