package dev.verity.tlog.witness;

import java.util.Objects;

/**
 * The HTTP answer to an add-checkpoint request (C2SP tlog-witness): the status code, and a body
 * of cosignature lines (200), the latest size (409, {@code text/x.tlog.size}) or a message.
 */
public record WitnessResponse(int status, String contentType, String body) {
  /** C2SP tlog-witness: the content type of a 409 answer carrying the latest size. */
  public static final String TLOG_SIZE = "text/x.tlog.size";
  static final String TEXT = "text/plain; charset=utf-8";

  public WitnessResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
  }

  static WitnessResponse error(int status, String message) {
    return new WitnessResponse(status, TEXT, message + "\n");
  }
}
