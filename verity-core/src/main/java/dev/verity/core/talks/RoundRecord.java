package dev.verity.core.talks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A round as the talks keep it: the announcement, its tracks, agenda, sessions held, outputs, and
 * the anchors of the delegations' reports to their capitals (hash and time only).
 */
public record RoundRecord(
    Round round, String announcedBy, SortedMap<String, Track> tracks,
    SortedMap<String, AgendaItem> agenda, List<Session> sessions, List<RoundOutput> outputs,
    List<CapitalReportAnchor> capitalReports) {

  public RoundRecord {
    tracks = new TreeMap<>(tracks);
    agenda = new TreeMap<>(agenda);
    sessions = List.copyOf(sessions);
    outputs = List.copyOf(outputs);
    capitalReports = List.copyOf(capitalReports);
  }

  static RoundRecord announced(Round r, String by) {
    return new RoundRecord(r, by, new TreeMap<>(), new TreeMap<>(), List.of(), List.of(),
        List.of());
  }

  RoundRecord with(Track t) {
    SortedMap<String, Track> more = new TreeMap<>(tracks);
    more.put(t.id(), t);
    return new RoundRecord(round, announcedBy, more, agenda, sessions, outputs, capitalReports);
  }

  RoundRecord with(AgendaItem i) {
    SortedMap<String, AgendaItem> more = new TreeMap<>(agenda);
    more.put(i.id(), i);
    return new RoundRecord(round, announcedBy, tracks, more, sessions, outputs, capitalReports);
  }

  RoundRecord with(Session s) {
    return new RoundRecord(round, announcedBy, tracks, agenda, plus(sessions, s), outputs,
        capitalReports);
  }

  RoundRecord with(RoundOutput o) {
    return new RoundRecord(round, announcedBy, tracks, agenda, sessions, plus(outputs, o),
        capitalReports);
  }

  RoundRecord with(CapitalReportAnchor a) {
    return new RoundRecord(round, announcedBy, tracks, agenda, sessions, outputs,
        plus(capitalReports, a));
  }

  private static <T> List<T> plus(List<T> list, T t) {
    List<T> out = new ArrayList<>(list);
    out.add(t);
    return out;
  }

  /** A delegation's report to its capital as the shared log knows it: who, when, the hash. */
  public record CapitalReportAnchor(String party, Instant at, String hash) {}
}
