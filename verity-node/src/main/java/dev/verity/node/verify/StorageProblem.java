package dev.verity.node.verify;

/**
 * One thing wrong with a node's storage: the file ({@code log/tile/0/001}, {@code node.db}) and
 * what is wrong, naming the entry ({@code US/5}) when there is one.
 */
public record StorageProblem(String file, String what) {
  @Override
  public String toString() {
    return file + ": " + what;
  }
}
