package dev.verity.tlog.log;

import java.io.IOException;

/**
 * The stored log contradicts its checkpoint (or has none that verifies): it cannot be appended
 * to or read until it is repaired; the audit ({@code dev.verity.tlog.audit}) says what is wrong.
 */
public final class CorruptLogException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptLogException(String message) {
    super(message);
  }

  public CorruptLogException(String message, Throwable cause) {
    super(message, cause);
  }
}
