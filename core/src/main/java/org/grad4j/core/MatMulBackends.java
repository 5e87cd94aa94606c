package org.grad4j.core;

import static com.google.common.base.Preconditions.checkState;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Chooses the {@link MatMulBackend}: EJML unless the {@code grad4j.matmul} system property says
 * {@code vector}. The Vector backend's classes are loaded only when it is first asked for, so a JVM
 * started without {@code --add-modules jdk.incubator.vector} never touches that module.
 */
final class MatMulBackends {
  /** The system property that selects the backend: {@code ejml} (the default) or {@code vector}. */
  static final String PROPERTY = "grad4j.matmul";

  private static final String VECTOR_MODULE = "jdk.incubator.vector";

  private MatMulBackends() {}

  /** The backend {@link MatMul} uses, chosen once from the system property. */
  static MatMulBackend active() {
    return Active.BACKEND;
  }

  /** Whether the JVM was started with the Vector API module. */
  static boolean vectorAvailable() {
    return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
  }

  /** The names of all backends, whether or not this JVM can run them. */
  static final List<String> NAMES = List.of("ejml", "vector");

  /** The names of the backends this JVM can run. */
  static List<String> available() {
    return vectorAvailable() ? NAMES : List.of("ejml");
  }

  /**
   * The backend called {@code name}.
   *
   * @throws IllegalArgumentException if there is no such backend
   * @throws IllegalStateException if it is the Vector backend and its module is absent
   */
  static MatMulBackend named(String name) {
    switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "ejml":
        return EjmlBackend.INSTANCE;
      case "vector":
        checkState(
            vectorAvailable(),
            "matmul: the vector backend needs the JVM option --add-modules %s",
            VECTOR_MODULE);
        return VectorHolder.INSTANCE;
      default:
        throw new IllegalArgumentException(
            String.format(
                "matmul: no backend called \"%s\"; expected one of %s",
                name, String.join(", ", NAMES)));
    }
  }

  /**
   * The backend for a {@code grad4j.matmul} value: EJML when the value asks for the Vector backend
   * but its module is absent, which is reported in one line on {@code err}.
   */
  static MatMulBackend select(String requested, boolean vectorAvailable, PrintStream err) {
    if (!vectorAvailable && requested.trim().equalsIgnoreCase("vector")) {
      err.println(
          "grad4j: "
              + PROPERTY
              + "=vector needs the JVM option --add-modules "
              + VECTOR_MODULE
              + "; using ejml");
      return EjmlBackend.INSTANCE;
    }
    return named(requested);
  }

  private static final class Active {
    static final MatMulBackend BACKEND =
        select(System.getProperty(PROPERTY, "ejml"), vectorAvailable(), System.err);
  }

  private static final class VectorHolder {
    static final MatMulBackend INSTANCE = new VectorBackend();
  }
}
