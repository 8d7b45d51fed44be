package dev.verity.tlog.cosignature;

/** A cosignature or cosigner key is malformed, or a cosignature does not verify. */
public final class CosignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  public CosignatureException(String message) {
    super(message);
  }

  public CosignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
