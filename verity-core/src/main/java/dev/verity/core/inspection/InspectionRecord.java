package dev.verity.core.inspection;

import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state of one inspection as the {@link InspectionLedger} folded its accepted steps. Read-only
 * to everyone but the ledger.
 */
public final class InspectionRecord {
  /** How far an inspection has gone. */
  public enum Phase { NOTIFIED, ARRIVED, SITE_DESIGNATED, ITEMS_DESIGNATED, FINDINGS, COMPLETE }

  /** A Party's signature of the joint report. */
  public record Signature(String digest, Instant at, EntryRef entry) {}

  final String id;
  final String inspectingParty;
  final String inspectedParty;
  final String pointOfEntry;
  final Instant arrivalTime;
  final Instant noticeAt;
  Phase phase = Phase.NOTIFIED;
  Instant arrivedAt;
  String facility;
  int type;
  Instant designatedAt;
  Instant restrictionsAt;
  InspectionMessage.SelectionCommit selectionCommit;
  Instant selectionCommitAt;
  String selectionAnswer;
  Instant selectionAnswerAt;
  dev.verity.core.selection.Selection selection;
  Instant selectionAt;
  String missile;
  List<String> bombers = List.of();
  InspectionMessage.Findings findings;
  Instant findingsAt;
  final Map<String, Signature> signatures = new LinkedHashMap<>();
  Instant completedAt;
  final List<Step> timeline = new ArrayList<>();

  InspectionRecord(String id, String inspecting, String inspected, String pointOfEntry, Instant arrivalTime, Instant noticeAt) {
    this.id = id;
    this.inspectingParty = inspecting;
    this.inspectedParty = inspected;
    this.pointOfEntry = pointOfEntry;
    this.arrivalTime = arrivalTime;
    this.noticeAt = noticeAt;
  }

  public String id() { return id; }
  public String inspectingParty() { return inspectingParty; }
  public String inspectedParty() { return inspectedParty; }
  public String pointOfEntry() { return pointOfEntry; }
  public Instant arrivalTime() { return arrivalTime; }
  public Instant noticeAt() { return noticeAt; }
  public Phase phase() { return phase; }
  public Instant arrivedAt() { return arrivedAt; }
  public String facility() { return facility; }
  /** 1 or 2 once the site is designated; 0 before. */
  public int type() { return type; }
  public Instant designatedAt() { return designatedAt; }
  public Instant restrictionsAt() { return restrictionsAt; }
  /** The verifiable selection, once both secrets are known; null before (or when none was made). */
  public dev.verity.core.selection.Selection selection() { return selection; }
  public InspectionMessage.SelectionCommit selectionCommit() { return selectionCommit; }
  public String missile() { return missile; }
  public List<String> bombers() { return bombers; }
  public InspectionMessage.Findings findings() { return findings; }
  public Instant findingsAt() { return findingsAt; }
  public Map<String, Signature> signatures() { return Collections.unmodifiableMap(signatures); }
  public Instant completedAt() { return completedAt; }
  /** The accepted steps, in order: the inspection's timeline. */
  public List<Step> timeline() { return Collections.unmodifiableList(timeline); }

  /** Under way: noticed and the joint report not yet signed by both Parties. */
  public boolean open() {
    return completedAt == null;
  }

  /** Both Parties signed the same joint report. */
  public boolean jointReportSigned() {
    return signatures.containsKey(inspectingParty) && signatures.containsKey(inspectedParty)
        && signatures.get(inspectingParty).digest().equals(signatures.get(inspectedParty).digest());
  }

  /** As an {@link Inspection} for the quota rules (from designation to completion). */
  Inspection asInspection() {
    return new Inspection(id, inspectedParty, type, facility, designatedAt, completedAt != null ? completedAt : Instant.MAX);
  }
}
