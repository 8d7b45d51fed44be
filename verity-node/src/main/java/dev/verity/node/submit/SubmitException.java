package dev.verity.node.submit;

/**
 * A submission refused before anything was appended: HTTP-like status (400 malformed, 422
 * against the rules), the field at fault (JSON path inside the request, or null) and why.
 */
public final class SubmitException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;

  public SubmitException(int status, String field, String message) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
