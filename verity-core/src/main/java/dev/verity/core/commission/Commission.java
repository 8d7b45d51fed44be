package dev.verity.core.commission;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.commission.CommissionMessage.AgendaItemAdded;
import dev.verity.core.commission.CommissionMessage.DecisionProposed;
import dev.verity.core.commission.CommissionMessage.DecisionSigned;
import dev.verity.core.commission.CommissionMessage.ItemClosed;
import dev.verity.core.commission.CommissionMessage.SessionConvened;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Refusal;
import dev.verity.core.regime.Refusal.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The commission projection: a deterministic fold over the commission entries of all Parties'
 * logs. Sessions, agenda items (linked to the entries they concern), decisions, and the
 * {@link AgreementVersions} that adopted decisions produce. A step that does not apply is refused
 * with a typed {@link Refusal} naming the rule, and changes nothing.
 */
public final class Commission {
  /** One entry: sender, index in its log, time of receipt, body. */
  public record Entry(String party, long logIndex, Instant at, CommissionMessage message) {
    public EntryRef ref() {
      return new EntryRef(party, logIndex);
    }
  }

  /** What became of an entry: {@code refused} is null when accepted. */
  public record Result(Entry entry, Refusal refused) {
    public boolean accepted() {
      return refused == null;
    }

    /** Why it was refused, in words; null when accepted. */
    public String refusal() {
      return refused == null ? null : refused.reason();
    }
  }

  public record Session(String id, java.time.LocalDate date, String place, EntryRef entry) {}

  /** An agenda item; {@code closedBy} is the decision or resolution that closed it, null while open. */
  public record AgendaItem(String id, String session, String title, List<EntryRef> concerning, EntryRef entry, String closedBy) {
    public boolean open() {
      return closedBy == null;
    }
  }

  /** A decision and who signed it; {@code adoptedAt} is set once every bound Party signed. */
  public record Decision(DecisionProposed proposal, EntryRef entry, Set<String> signedBy, Instant adoptedAt) {}

  private AgreementVersions versions;
  private final Map<String, Session> sessions = new LinkedHashMap<>();
  private final Map<String, AgendaItem> items = new LinkedHashMap<>();
  private final Map<String, Decision> decisions = new LinkedHashMap<>();
  private final List<Result> results = new ArrayList<>();

  public Commission(AgreementVersions versions) {
    this.versions = versions;
  }

  public static Commission fold(AgreementVersions versions, List<Entry> entries) {
    Commission c = new Commission(versions);
    entries.stream()
        .sorted(java.util.Comparator.comparing(Entry::at).thenComparing(Entry::party).thenComparingLong(Entry::logIndex))
        .forEach(c::apply);
    return c;
  }

  public Result apply(Entry e) {
    Refusal no = check(e);
    Result r = new Result(e, no);
    results.add(r);
    return r;
  }

  private Refusal check(Entry e) {
    Agreement a = versions.original();
    if (e.message() == null || e.at() == null) {
      return no(Kind.MALFORMED, "entry", "entry without message or time");
    }
    if (a.party(e.party()).isEmpty()) {
      return no(Kind.WRONG_ROLE, "participants-only", e.party() + " is not a Party to " + a.id());
    }
    CommissionMessage m = e.message();
    if (m instanceof SessionConvened s) {
      return session(e, s);
    } else if (m instanceof AgendaItemAdded i) {
      return agendaItem(e, i);
    } else if (m instanceof DecisionProposed d) {
      return proposal(e, d);
    } else if (m instanceof DecisionSigned s) {
      return signature(e, s);
    }
    return closing((ItemClosed) m);
  }

  private Refusal session(Entry e, SessionConvened s) {
    if (blank(s.session()) || sessions.containsKey(s.session())) {
      return no(Kind.SUBJECT, "unique-session", "session id missing or already used: "
          + s.session());
    }
    sessions.put(s.session(), new Session(s.session(), s.date(), s.place(), e.ref()));
    return null;
  }

  private Refusal agendaItem(Entry e, AgendaItemAdded i) {
    if (!sessions.containsKey(i.session())) {
      return no(Kind.SUBJECT, "known-session", "no session " + i.session());
    }
    if (blank(i.item()) || items.containsKey(i.item())) {
      return no(Kind.SUBJECT, "unique-agenda-item", "agenda item id missing or already used: "
          + i.item());
    }
    items.put(i.item(), new AgendaItem(i.item(), i.session(), i.title(),
        List.copyOf(i.concerning()), e.ref(), null));
    return null;
  }

  private Refusal proposal(Entry e, DecisionProposed d) {
    if (blank(d.decision()) || decisions.containsKey(d.decision())) {
      return no(Kind.SUBJECT, "unique-decision", "decision id missing or already used: "
          + d.decision());
    }
    if (!sessions.containsKey(d.session())) {
      return no(Kind.SUBJECT, "known-session", "no session " + d.session());
    }
    if (d.item() != null && !items.containsKey(d.item())) {
      return no(Kind.SUBJECT, "known-agenda-item", "no agenda item " + d.item());
    }
    if (!d.amendments().isEmpty()) {
      if (d.effectiveFrom() == null) {
        return no(Kind.MALFORMED, "effective-date", "decision " + d.decision()
            + " amends the agreement but has no effectiveFrom");
      }
      try { // validated now, applied when adopted
        versions.amend(d.decision(), d.effectiveFrom(), d.amendments());
      } catch (AmendmentException x) {
        return no(Kind.MALFORMED, "valid-amendment", x.getMessage());
      }
    }
    Set<String> signed = new LinkedHashSet<>();
    signed.add(e.party());
    return sign(new Decision(d, e.ref(), signed, null), e.at());
  }

  private Refusal signature(Entry e, DecisionSigned s) {
    Decision d = decisions.get(s.decision());
    if (d == null) {
      return no(Kind.SUBJECT, "known-decision", "no decision " + s.decision());
    }
    if (d.signedBy().contains(e.party())) {
      return no(Kind.WRONG_STATE, "one-signature", e.party() + " already signed decision "
          + s.decision());
    }
    Set<String> signed = new LinkedHashSet<>(d.signedBy());
    signed.add(e.party());
    return sign(new Decision(d.proposal(), d.entry(), signed, null), e.at());
  }

  private Refusal closing(ItemClosed c) {
    AgendaItem i = items.get(c.item());
    if (i == null) {
      return no(Kind.SUBJECT, "known-agenda-item", "no open agenda item " + c.item());
    }
    if (!i.open()) {
      return no(Kind.WRONG_STATE, "open-agenda-item", "no open agenda item " + c.item());
    }
    items.put(i.id(), close(i, blank(c.resolution()) ? "closed" : c.resolution()));
    return null;
  }

  /**
   * Records {@code d} with its signatures and, once every bound Party signed, adopts it: its
   * amendments enter the agreement's versions. Nothing is recorded if they no longer apply
   * (another decision adopted in between made them invalid).
   */
  private Refusal sign(Decision d, Instant at) {
    boolean all = versions.original().boundParties().stream()
        .allMatch(p -> d.signedBy().contains(p.id()));
    DecisionProposed p = d.proposal();
    if (!all) {
      decisions.put(p.decision(), d);
      return null;
    }
    if (!p.amendments().isEmpty()) {
      try {
        versions = versions.amend(p.decision(), p.effectiveFrom(), p.amendments());
      } catch (AmendmentException x) {
        return no(Kind.CONFLICT, "valid-amendment", x.getMessage());
      }
    }
    decisions.put(p.decision(), new Decision(p, d.entry(), d.signedBy(), at));
    if (p.item() != null && items.get(p.item()).open()) {
      items.put(p.item(), close(items.get(p.item()), "decision " + p.decision()));
    }
    return null;
  }

  private static Refusal no(Kind kind, String rule, String reason) {
    return new Refusal(kind, rule, reason);
  }

  private static AgendaItem close(AgendaItem i, String by) {
    return new AgendaItem(i.id(), i.session(), i.title(), i.concerning(), i.entry(), by);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** The agreement through time, with every adopted decision. */
  public AgreementVersions versions() {
    return versions;
  }

  public List<Session> sessions() {
    return List.copyOf(sessions.values());
  }

  public List<AgendaItem> agenda() {
    return List.copyOf(items.values());
  }

  /** The commission's open items. */
  public List<AgendaItem> openItems() {
    return items.values().stream().filter(AgendaItem::open).toList();
  }

  public List<Decision> decisions() {
    return List.copyOf(decisions.values());
  }

  public Optional<Decision> decision(String id) {
    return Optional.ofNullable(decisions.get(id));
  }

  public List<Result> results() {
    return Collections.unmodifiableList(results);
  }
}
