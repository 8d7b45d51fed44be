package dev.verity.node.submit;

/**
 * A submission refused before anything was appended: HTTP-like status (400 malformed, 422
 * against the rules), the field at fault (JSON path inside the request, or null) and why.
 */
public final class SubmitException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String field;
  private final String refusal;

  public SubmitException(int status, String field, String message) {
    this(status, field, message, null);
  }

  /** @param refusal the kind of rule that refused it (an inspection step's {@code Refusal}), or null */
  public SubmitException(int status, String field, String message, String refusal) {
    super(message);
    this.status = status;
    this.field = field;
    this.refusal = refusal;
  }

  public String refusal() {
    return refusal;
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
