package dev.verity.tlog.audit;

import dev.verity.tlog.storage.TreeHead;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of an audit: the verified checkpoint's tree head (empty if the checkpoint itself
 * could not be read or verified), every problem found, and how many bytes of entries and
 * tiles were read.
 */
public record AuditReport(Optional<TreeHead> treeHead, List<Problem> problems, long bytesRead) {
  public AuditReport {
    problems = List.copyOf(problems);
  }

  /** True when the checkpoint verified and every file it covers agrees with it. */
  public boolean isClean() {
    return treeHead.isPresent() && problems.isEmpty();
  }
}
