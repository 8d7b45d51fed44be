package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.verity.core.agreement.Party;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A commitment as the register keeps it: the terms and their hash, who proposed it, every
 * countersignature with its time, when it took effect, and the releases invoked under it.
 *
 * @param inForceFrom the later of the agreed start and the last countersignature; null until
 *     every participant has countersigned. A commitment is never retroactive: nobody breaches
 *     what not everyone had signed.
 */
public record CommitmentRecord(
    Commitment terms, String termsHash, String proposer, Instant proposedAt,
    SortedMap<String, Instant> countersignatures, Instant inForceFrom,
    SortedMap<String, Release> releases) {

  public CommitmentRecord {
    countersignatures = new TreeMap<>(countersignatures);
    releases = new TreeMap<>(releases);
  }

  /** Where the commitment stands at {@code asOf}. */
  public Status status(Instant asOf) {
    if (inForceFrom == null) {
      return Status.PROPOSED;
    }
    if (terms.expiresAt() != null && !asOf.isBefore(terms.expiresAt())) {
      return Status.EXPIRED;
    }
    return asOf.isBefore(inForceFrom) ? Status.COUNTERSIGNED : Status.IN_FORCE;
  }

  /** The signatories that have not countersigned yet, in the participants' order. */
  public List<String> awaiting(List<Party> participants) {
    return participants.stream().filter(RegisterRules::active)
        .map(Party::id).filter(id -> !countersignatures.containsKey(id)).toList();
  }

  CommitmentRecord countersigned(String by, Instant at, List<Party> participants) {
    SortedMap<String, Instant> signed = new TreeMap<>(countersignatures);
    signed.put(by, at);
    CommitmentRecord next = new CommitmentRecord(terms, termsHash, proposer, proposedAt, signed,
        null, releases);
    if (!next.awaiting(participants).isEmpty()) {
      return next;
    }
    Instant from = at.isAfter(terms.effectiveFrom()) ? at : terms.effectiveFrom();
    return new CommitmentRecord(terms, termsHash, proposer, proposedAt, signed, from, releases);
  }

  CommitmentRecord released(String party, Release r) {
    Map<String, Release> more = new TreeMap<>(releases);
    more.put(party, r);
    return new CommitmentRecord(terms, termsHash, proposer, proposedAt, countersignatures,
        inForceFrom, new TreeMap<>(more));
  }

  /** A Party released by the other's breach: when, on which claim, whose breach. */
  public record Release(Instant at, String claim, String breachBy) {}

  /** Proposed, countersigned by all but not yet started, in force, or past its agreed end. */
  public enum Status {
    PROPOSED, COUNTERSIGNED, IN_FORCE, EXPIRED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
