package dev.verity.node.bundle;

/** A bundle that cannot be written, read, verified or applied. */
public final class BundleException extends Exception {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
