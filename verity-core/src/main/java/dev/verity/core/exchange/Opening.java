package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.merkle.TreeProofs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One person on a committed list, disclosed to the ICRC or the mediator only (never logged):
 * the record and its salt open the entry's commitment, and the RFC 9162 inclusion proof puts the
 * entry under the list's root — which is in the owner's log at a signed time, so the opening
 * proves the person was on that list then.
 */
public record Opening(
    String exchange, String party, ListKind kind, String category, PersonRecord person,
    byte[] salt, Blinded blinded, int index, int size, List<Hash> proof) {
  public Opening {
    salt = salt.clone();
    proof = List.copyOf(proof);
  }

  /**
   * The opening of entry {@code index} of {@code list} (as in the owner's log) with the record
   * and salt its owner kept; the inclusion proof is computed from the list's entries.
   */
  public static Opening of(ListCommitment list, int index, PersonRecord person, byte[] salt) {
    return of(list, ListCommitment.tree(list.entries()), index, person, salt);
  }

  static Opening of(ListCommitment list, MemoryTree tree, int index, PersonRecord person,
      byte[] salt) {
    try {
      List<Hash> proof = TreeProofs.inclusion(tree, index, list.count()).path();
      return new Opening(list.exchange(), list.party(), list.kind(), list.category(), person,
          salt, list.entries().get(index).blinded(), index, list.count(), proof);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  /** The entry this opening claims: the commitment recomputed from record and salt. */
  public ListEntry entry() {
    return new ListEntry(Commitments.commitment(category, person, salt), blinded);
  }

  /** What is wrong with this opening against {@code list} (from the owner's log), or empty. */
  public Optional<String> problem(ListCommitment list) {
    if (!list.exchange().equals(exchange) || !list.id().equals(new ListId(party, kind, category))) {
      return Optional.of("the opening is for " + new ListId(party, kind, category)
          + " in exchange " + exchange + ", not for " + list.id() + " in " + list.exchange());
    }
    if (size != list.count() || index < 0 || index >= size) {
      return Optional.of("entry " + index + " of " + size + " is not an entry of the list of "
          + list.count());
    }
    try {
      new InclusionProof(index, size, proof).verify(entry().leafHash(), list.root());
      return Optional.empty();
    } catch (ProofException | IllegalArgumentException e) {
      return Optional.of("the record, its salt or its index does not match entry " + index
          + " of the list (" + e.getMessage() + ")");
    }
  }

  /**
   * Whether the entry's blinded value is this person's under {@code key}, for an auditor to whom
   * the owner has shown its blinding key after the exchange: it shows the entry was matched as
   * the person it commits to.
   */
  public boolean blindedWith(BlindingKey key) {
    return key.blind(exchange, MatchKey.of(person)).equals(blinded);
  }

  @Override
  public String toString() {
    return "Opening[" + new ListId(party, kind, category) + " entry " + index + " of " + size
        + ", personal data]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Opening x && exchange.equals(x.exchange) && party.equals(x.party)
        && kind == x.kind && category.equals(x.category) && person.equals(x.person)
        && Arrays.equals(salt, x.salt) && blinded.equals(x.blinded) && index == x.index
        && size == x.size && proof.equals(x.proof);
  }

  @Override
  public int hashCode() {
    return Objects.hash(exchange, party, kind, category, person, blinded, index, size);
  }
}
