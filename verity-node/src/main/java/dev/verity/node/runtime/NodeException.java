package dev.verity.node.runtime;

/** A node that cannot start or run: configuration, keys, store or log. */
public final class NodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public NodeException(String message, Throwable cause) {
    super(message, cause);
  }

  public NodeException(String message) {
    super(message);
  }
}
