package dev.verity.node.module;

import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.node.bundle.Bundle;
import dev.verity.node.bundle.BundleException;
import dev.verity.node.federation.PeerPath;
import dev.verity.node.projection.Owed;
import dev.verity.node.submit.SubmitRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

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
   * The technical receipts as they stand now, read once: for an entry, when it was receipted
   * (the first cosignature covering it: a peer's of an own entry, this node's of a peer's);
   * empty while none has.
   */
  Function<EntryRef, Optional<Instant>> receipts();

  /**
   * Submits {@code request} through the node's submit pipeline as {@code actor} (the node
   * itself, e.g. the scheduled line tests), returning once it is durable or refused.
   */
  void submitAs(String actor, SubmitRequest request) throws Exception;

  /** The declared protocols' typed obligations as of {@code asOf}. */
  List<Owed> obligations(Instant asOf);

  /** Each peer's way as of now: its URL or its backup URL, up or down, and the switches. */
  Map<String, PeerPath.Status> paths();

  /**
   * The backup path's signed bundle ({@code verity-bundle/v1}, the air-gap format): this node's
   * entries from the first tile every peer has receipted, so it carries every entry some peer
   * has not; audited as {@code actor}'s.
   */
  Bundle backupBundle(String actor) throws BundleException;
}
