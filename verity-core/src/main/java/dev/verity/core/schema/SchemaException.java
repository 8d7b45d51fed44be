package dev.verity.core.schema;

/**
 * A field declaration that cannot be read: where in the declaration ({@code path}, such as {@code
 * impactAreas.of[1].kind}) and what is wrong. Unchecked because it is raised while the agreement
 * file is bound, and the loader reports it as an {@code AgreementException} naming the file.
 */
public final class SchemaException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String path;
  private final String problem;

  public SchemaException(String path, String problem) {
    super(path.isEmpty() ? problem : path + ": " + problem);
    this.path = path;
    this.problem = problem;
  }

  public String path() {
    return path;
  }

  public String problem() {
    return problem;
  }
}
