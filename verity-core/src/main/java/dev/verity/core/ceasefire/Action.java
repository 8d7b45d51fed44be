package dev.verity.core.ceasefire;

/**
 * What a step asks of the register. Each is a typed value with what the entry carries; who sent
 * it and when are the {@link Step}'s.
 */
public sealed interface Action
    permits Action.ProposeCommitment, Action.Countersign, Action.FileClaim,
        Action.RecordRestriction, Action.OpenSite, Action.InvokeRelease, Answer {

  /** Proposes a commitment's terms; the proposal is the proposer's own countersignature. */
  record ProposeCommitment(Commitment terms) implements Action {}

  /** Countersigns a proposed commitment, naming the hash of the terms signed. */
  record Countersign(String commitment, String termsHash) implements Action {}

  /** Files an observation (by the monitor) or a claim (by a Party or the mediator). */
  record FileClaim(String id, Observation observation) implements Action {}

  /** The monitor records a restriction of its freedom of movement. */
  record RecordRestriction(Restriction restriction) implements Action {}

  /** A Party opens one site of its sealed list for one claim of a strike. */
  record OpenSite(String claim, SiteOpening opening) implements Action {}

  /**
   * A Party invokes the release-on-breach clause, naming the claim whose corroborated, attributed
   * finding is the determination it relies on.
   */
  record InvokeRelease(String commitment, String claim) implements Action {}
}
