package org.grad4j.autograd;

/** A setting in force until closed; closing restores what was there before. */
@FunctionalInterface
public interface Scope extends AutoCloseable {
  @Override
  void close();
}
