package dev.verity.node.module;

import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.node.projection.Owed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the military line (issue 14) reads of the node: the Party it speaks for, its directory
 * (the duty roster and the notification targets live there), the line's accepted steps, each
 * entry's technical receipt and the provisions' obligations.
 */
public interface HotlineQueries {
  /** The Party this node speaks for. */
  String self();

  /** The node's directory: node.yaml and the duty roster beside it. */
  Path dir();

  /** The accepted steps of {@code types}, own and mirrored, in the canonical order. */
  List<Step> steps(Set<String> types);

  /**
   * When {@code entry} was receipted: the first cosignature covering it (a peer's of an own
   * entry, this node's of a peer's); empty while none has.
   */
  Optional<Instant> receiptedAt(EntryRef entry);

  /** The declared protocols' typed obligations as of {@code asOf}. */
  List<Owed> obligations(Instant asOf);
}
