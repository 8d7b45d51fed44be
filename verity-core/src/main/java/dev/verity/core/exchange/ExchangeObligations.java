package dev.verity.core.exchange;

import dev.verity.core.exchange.ExchangeState.Stamp;
import dev.verity.core.regime.Obligation;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What each participant of one exchange owes, as typed obligations ({@link
 * ExchangeState#pending()} with deadlines and the entries that met them): for every committed list,
 * the other Party owes its blinding on top ({@code blind-list}); for every held list of a category
 * needing consent to return, the neutral intermediary owes a finding on each entry ({@code
 * attest-consent}, met by the first finding on the last entry). Both are owed from the list's
 * commitment and due by the start (00:00 UTC) of the first stage's day, the arrangement's date:
 * nothing can be matched or handed over without them.
 */
final class ExchangeObligations {
  static final String BLIND_LIST = "blind-list";
  static final String ATTEST_CONSENT = "attest-consent";

  private ExchangeObligations() {}

  static List<Obligation> of(ExchangeState s, Instant asOf) {
    Arrangement a = s.arrangement();
    Instant due = a.firstStage().map(x -> x.date().atStartOfDay(ZoneOffset.UTC).toInstant())
        .orElse(null);
    List<Obligation> out = new ArrayList<>();
    for (ListCommitment c : due == null ? List.<ListCommitment>of() : s.lists()) {
      Instant from = s.committed(c.id()).map(Stamp::at).orElse(null);
      String subject = a.exchange() + "/" + c.party() + "/" + c.kind().label() + "/"
          + c.category();
      out.add(owed(BLIND_LIST, subject, a.other(c.party()), from, due,
          s.blinded(c.id()).orElse(null), asOf));
      boolean consent = c.kind() == ListKind.HELD && a.category(c.category())
          .map(Arrangement.CategoryRule::consentToReturn).orElse(false);
      if (consent && c.count() > 0) {
        out.add(owed(ATTEST_CONSENT, subject, a.intermediary(), from, due, lastFinding(s, c),
            asOf));
      }
    }
    return out;
  }

  /** The first finding on the list's last entry to get one; null while an entry has none. */
  private static Stamp lastFinding(ExchangeState s, ListCommitment c) {
    Stamp last = null;
    for (ListEntry e : c.entries()) {
      Stamp st = s.attested(e.commitment()).orElse(null);
      if (st == null) {
        return null;
      }
      last = last == null || st.at().isAfter(last.at()) ? st : last;
    }
    return last;
  }

  private static Obligation owed(String type, String subject, String party, Instant from,
      Instant due, Stamp met, Instant asOf) {
    Obligation.Status st = Obligation.judge(from, due, met == null ? null : met.at(), asOf);
    boolean done = st == Obligation.Status.MET || st == Obligation.Status.LATE;
    return new Obligation(ExchangeRegime.ID, Obligation.Kind.DEADLINE, type, subject, party, due,
        st, done ? met.entry() : null, null);
  }
}
