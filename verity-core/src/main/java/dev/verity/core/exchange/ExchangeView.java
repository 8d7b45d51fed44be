package dev.verity.core.exchange;

import dev.verity.core.exchange.Arrangement.CategoryRule;
import dev.verity.core.exchange.ExchangeMessage.Consent;
import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeState.Assembly;
import dev.verity.tlog.merkle.Hash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One exchange as the API and the offline evaluator show it, with no name anywhere (there is
 * none to show): the arrangement, each committed list by its count and root, each category's
 * match (who is on one side only, as commitments), the persons one side lists in another
 * category, the intermediary's findings per list needing consent, the handovers, each stage with
 * who signed it and the discrepancies named, and what is still owed.
 */
public record ExchangeView(
    String exchange, Arrangement arrangement, List<ListView> lists, List<MatchView> matches,
    List<CrossMatch> crossCategory, List<ConsentView> consent, List<HandoverView> handovers,
    List<StageRecord> stages, List<Pending> pending) {

  /**
   * A list: its count and Merkle root, whether the other Party blinded it, and its parts: how
   * many ({@link ListParts}; 1 for a list in one entry), whether all are in ({@code complete}),
   * and which are missing. An incomplete list is neither matched nor used.
   */
  public record ListView(ListId list, int count, String root, boolean blindedByOther, int parts,
      boolean complete, List<Integer> missingParts) {}

  /** {@link ListMatch} with commitments in hex. */
  public record MatchView(
      ListId requested, ListId held, int requestedCount, int heldCount, int matchedRequested,
      int matchedHeld, List<String> onlyRequested, List<String> onlyHeld) {}

  /** A handover: who, when, at which stage, how many entries. */
  public record HandoverView(String party, Instant at, int stage, int persons) {}

  /** The intermediary's latest findings on a held list needing consent to return. */
  public record ConsentView(ListId list, int consents, int refusals, int open) {}

  static ExchangeView of(ExchangeState s) {
    Arrangement a = s.arrangement();
    List<ConsentView> consent = new ArrayList<>();
    for (ListCommitment c : s.lists()) {
      if (c.kind() == ListKind.HELD && a.category(c.category())
          .map(CategoryRule::consentToReturn).orElse(false)) {
        int yes = 0;
        int no = 0;
        for (ListEntry e : c.entries()) {
          var f = s.consent(e.commitment()).orElse(null);
          yes += f == Consent.CONSENTS ? 1 : 0;
          no += f == Consent.REFUSES ? 1 : 0;
        }
        consent.add(new ConsentView(c.id(), yes, no, c.count() - yes - no));
      }
    }
    List<ListView> lists = new ArrayList<>(s.lists().stream().map(l -> new ListView(l.id(),
        l.count(), l.root().hex(), s.reblinded(l.id()).isPresent(),
        ListParts.partsFor(l.count()), true, List.of())).toList());
    for (Assembly x : s.assembling()) {
      DeclareList d = x.declared();
      lists.add(new ListView(d.id(), d.count(), d.root().hex(), false, d.parts().size(), false,
          x.missing()));
    }
    return new ExchangeView(a.exchange(), a, lists,
        s.matches().stream().map(m -> new MatchView(m.requested(), m.held(), m.requestedCount(),
            m.heldCount(), m.matchedRequested(), m.matchedHeld(), hex(m.onlyRequested()),
            hex(m.onlyHeld()))).toList(), s.crossCategory(), consent,
        s.handovers().stream().map(h -> new HandoverView(h.party(), h.at(), h.handOver().stage(),
            h.handOver().commitments().size())).toList(),
        a.stages().stream().map(x -> s.stage(x.number())).toList(), s.pending());
  }

  private static List<String> hex(List<Hash> hs) {
    return hs.stream().map(Hash::hex).toList();
  }
}
