package dev.verity.node.store;

import java.io.IOException;

/**
 * Another process holds the log's writer lock (a PostgreSQL advisory lock): this one may stand by
 * for it, never write beside it.
 */
public final class WriterLockHeldException extends IOException {
  private static final long serialVersionUID = 1L;

  WriterLockHeldException(String message) {
    super(message);
  }
}
