package dev.verity.node.verify;

/**
 * Stored data that does not verify against its signed tree: it is never served, and the node raises
 * a {@code storage-corrupt} alarm (docs/user/node.md, "When storage is damaged").
 */
public final class StorageCorruptException extends java.io.IOException {
  private static final long serialVersionUID = 1L;
  private final transient StorageProblem problem;

  public StorageCorruptException(StorageProblem problem) {
    super(problem.toString());
    this.problem = problem;
  }

  public StorageProblem problem() {
    return problem;
  }
}
