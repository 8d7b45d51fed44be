package dev.verity.core.commission;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.commission.CommissionMessage.AgendaItemAdded;
import dev.verity.core.commission.CommissionMessage.DecisionProposed;
import dev.verity.core.commission.CommissionMessage.DecisionSigned;
import dev.verity.core.commission.CommissionMessage.ItemClosed;
import dev.verity.core.commission.CommissionMessage.SessionConvened;
import dev.verity.core.message.EntryRef;
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
 * with a reason and changes nothing.
 */
public final class Commission {
  /** One entry: sender, index in its log, time of receipt, body. */
  public record Entry(String party, long logIndex, Instant at, CommissionMessage message) {
    public EntryRef ref() {
      return new EntryRef(party, logIndex);
    }
  }

  /** What became of an entry: {@code refusal} is null when accepted. */
  public record Result(Entry entry, String refusal) {
    public boolean accepted() {
      return refusal == null;
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
    String no = check(e);
    Result r = new Result(e, no);
    results.add(r);
    return r;
  }

  private String check(Entry e) {
    Agreement a = versions.original();
    if (e.message() == null || e.at() == null || a.party(e.party()).isEmpty()) {
      return "entry without message or time, or from someone not a Party to " + a.id();
    }
    CommissionMessage m = e.message();
    if (m instanceof SessionConvened s) {
      if (blank(s.session()) || sessions.containsKey(s.session())) {
        return "session id missing or already used: " + s.session();
      }
      sessions.put(s.session(), new Session(s.session(), s.date(), s.place(), e.ref()));
    } else if (m instanceof AgendaItemAdded i) {
      if (!sessions.containsKey(i.session())) {
        return "no session " + i.session();
      }
      if (blank(i.item()) || items.containsKey(i.item())) {
        return "agenda item id missing or already used: " + i.item();
      }
      items.put(i.item(), new AgendaItem(i.item(), i.session(), i.title(), List.copyOf(i.concerning()), e.ref(), null));
    } else if (m instanceof DecisionProposed d) {
      if (blank(d.decision()) || decisions.containsKey(d.decision())) {
        return "decision id missing or already used: " + d.decision();
      }
      if (!sessions.containsKey(d.session())) {
        return "no session " + d.session();
      }
      if (d.item() != null && !items.containsKey(d.item())) {
        return "no agenda item " + d.item();
      }
      if (!d.amendments().isEmpty()) {
        if (d.effectiveFrom() == null) {
          return "decision " + d.decision() + " amends the agreement but has no effectiveFrom";
        }
        try {
          versions.amend(d.decision(), d.effectiveFrom(), d.amendments()); // validate now; applied when adopted
        } catch (AmendmentException x) {
          return x.getMessage();
        }
      }
      Set<String> signed = new LinkedHashSet<>();
      signed.add(e.party());
      decisions.put(d.decision(), new Decision(d, e.ref(), signed, null));
      adoptIfSigned(d.decision(), e.at());
    } else if (m instanceof DecisionSigned s) {
      Decision d = decisions.get(s.decision());
      if (d == null) {
        return "no decision " + s.decision();
      }
      if (d.signedBy().contains(e.party())) {
        return e.party() + " already signed decision " + s.decision();
      }
      Set<String> signed = new LinkedHashSet<>(d.signedBy());
      signed.add(e.party());
      decisions.put(s.decision(), new Decision(d.proposal(), d.entry(), signed, null));
      return adoptIfSigned(s.decision(), e.at());
    } else if (m instanceof ItemClosed c) {
      AgendaItem i = items.get(c.item());
      if (i == null || !i.open()) {
        return "no open agenda item " + c.item();
      }
      items.put(i.id(), close(i, blank(c.resolution()) ? "closed" : c.resolution()));
    }
    return null;
  }

  private String adoptIfSigned(String id, Instant at) {
    Decision d = decisions.get(id);
    for (Party p : versions.original().boundParties()) {
      if (!d.signedBy().contains(p.id())) {
        return null;
      }
    }
    DecisionProposed p = d.proposal();
    if (!p.amendments().isEmpty()) {
      try {
        versions = versions.amend(p.decision(), p.effectiveFrom(), p.amendments());
      } catch (AmendmentException x) {
        return x.getMessage(); // another decision adopted in between made this one invalid
      }
    }
    decisions.put(id, new Decision(p, d.entry(), d.signedBy(), at));
    if (p.item() != null && items.get(p.item()).open()) {
      items.put(p.item(), close(items.get(p.item()), "decision " + p.decision()));
    }
    return null;
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
