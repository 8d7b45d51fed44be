package dev.verity.tlog.cosignature;

/**
 * A cosigner key is malformed or of an unsupported type (C2SP tlog-cosignature: 0x04, or the
 * legacy 0x01), or a {@code cosignature/v1} signature is malformed (not 8 + 64 bytes, a
 * timestamp above 2^63-1) or does not verify.
 */
public final class CosignatureException extends Exception {
  private static final long serialVersionUID = 1L;

  public CosignatureException(String message) {
    super(message);
  }

  public CosignatureException(String message, Throwable cause) {
    super(message, cause);
  }
}
