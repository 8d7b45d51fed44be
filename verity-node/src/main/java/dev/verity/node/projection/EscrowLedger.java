package dev.verity.node.projection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.escrow.EscrowCommitment;
import dev.verity.core.escrow.EscrowState;
import dev.verity.core.message.Item;
import dev.verity.node.projection.ProblemList;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The projection of every Party's escrow entries, the same on every node: the commitments, and
 * each revealed item checked against its commitment as the entry is applied (mirrored from a peer
 * or appended by this node). The rules are the core's {@link EscrowState} (also the escrow regime
 * of the offline evaluator); this class reads the entry bodies and keeps the problems. A reveal
 * that does not check stays in the record, marked with its problem, and is listed among the
 * problems; it never counts as revealed.
 */
public final class EscrowLedger {
  private final Agreement agreement;
  private final EscrowState state;
  private final ProblemList problems = new ProblemList();

  /** A log entry: a Party's log and the index in it. */
  public record EntryRef(String party, long index) {
    static EntryRef of(dev.verity.core.message.EntryRef e) {
      return new EntryRef(e.party(), e.index());
    }
  }

  /** A commitment as the API shows it. */
  public record CommitmentView(LocalDate asOf, long size, String root,
      Map<String, Long> aggregates, EntryRef entry,
      int revealed) {}

  /** One revealed item: verified ({@code ok}, with its record) or not (with the problem). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RevealView(String item, long index, String root, EntryRef entry, boolean ok,
      String problem, Item record) {}

  /** A commitment and the items revealed from it so far, as the inventory needs them. */
  public record Escrowed(EscrowCommitment commitment, EntryRef entry, List<Item> revealed) {}

  public EscrowLedger(Agreement agreement) {
    this.agreement = agreement;
    this.state = new EscrowState(agreement);
  }

  /**
   * Applies entry {@code index} of {@code party}'s log, of an escrow type ({@link
   * EscrowEntries#handles}).
   */
  public synchronized void apply(String party, long index, String type, JsonNode body) {
    String where = party + "/" + index + ": ";
    try {
      if (EscrowEntries.COMMITMENT.equals(type)) {
        state.commit(party, index, EscrowEntries.commitment(body))
            .ifPresent(p -> problems.add(where + p.reason()));
      } else {
        EscrowEntries.RevealPart part = EscrowEntries.revealPart(body);
        boolean known = state.committed(party, part.root());
        state.reveal(party, index, part.root(), part.reveals()).forEach(p -> problems.add(where
            + (known ? "escrow reveal of " + p.item() + ": " + p.reason() : p.reason())));
      }
    } catch (JsonProcessingException e) {
      problems.add(where + "unreadable " + type + ": " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      // a peer's entry, however malformed, must never stop the mirror: it is recorded, not applied
      problems.add(where + type + " could not be checked: " + e);
    }
  }

  /**
   * The commitment of {@code party} in force on {@code day} (the latest as of that day, else its
   * first); empty if none.
   */
  public synchronized Optional<Escrowed> asOf(String party, LocalDate day) {
    return state.asOf(party, day)
        .map(e -> new Escrowed(e.commitment(), EntryRef.of(e.entry()), e.revealed()));
  }

  /** Whether {@code party} committed {@code root} in its log. */
  public synchronized boolean committed(String party, String root) {
    return state.committed(party, root);
  }

  /** The identifiers revealed (with a valid proof) from {@code party}'s commitment {@code root}. */
  public synchronized List<String> revealedIds(String party, String root) {
    return state.revealedIds(party, root);
  }

  /** The root of {@code party}'s latest commitment (by asOf, then log order), if any. */
  public synchronized Optional<String> latestRoot(String party) {
    return asOf(party, null).map(e -> e.commitment().root());
  }

  /** Per Party, its commitments and reveals (for {@code GET /api/v1/escrow}). */
  public synchronized Map<String, Object> view() {
    Map<String, Object> out = new TreeMap<>();
    for (String p : agreement.parties().stream().map(Party::id).toList()) {
      List<CommitmentView> cs = commitments(p);
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("commitments", cs);
      v.put("reveals", state.reveals(p).stream().map(r -> new RevealView(r.item(), r.index(),
          r.root(), EntryRef.of(r.entry()), r.ok(), r.problem(), r.record())).toList());
      out.put(p, v);
    }
    return out;
  }

  /** The commitments of {@code party}, in log order (for the data-exchange obligations). */
  public synchronized List<CommitmentView> commitments(String party) {
    return state.commitments(party).stream().map(c -> new CommitmentView(
        c.commitment().asOf(), c.commitment().size(), c.commitment().root(),
        new TreeMap<>(c.commitment().aggregates()), EntryRef.of(c.entry()),
        c.revealed().size())).toList();
  }

  /** Escrow entries that did not check, in the order applied. */
  public synchronized List<String> problems() {
    return List.copyOf(problems.kept());
  }

  /** How many problems were found, including those beyond what is kept. */
  public synchronized long problemCount() {
    return problems.total();
  }
}
