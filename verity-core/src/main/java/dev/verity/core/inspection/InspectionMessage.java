package dev.verity.core.inspection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.verity.core.message.EntryRef;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The body of one inspection or exhibition step, entered in the sending Party's log. The JSON
 * property {@code type} is the message type's id in the agreement (e.g. {@code inspection-notice}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InspectionMessage.Notice.class, name = "inspection-notice"),
    @JsonSubTypes.Type(value = InspectionMessage.Arrival.class, name = "inspection-arrival"),
    @JsonSubTypes.Type(value = InspectionMessage.SiteDesignated.class, name = "inspection-site"),
    @JsonSubTypes.Type(value = InspectionMessage.RestrictionsInForce.class, name = "inspection-restrictions"),
    @JsonSubTypes.Type(value = InspectionMessage.SelectionCommit.class, name = "inspection-selection-commit"),
    @JsonSubTypes.Type(value = InspectionMessage.SelectionAnswer.class, name = "inspection-selection-answer"),
    @JsonSubTypes.Type(value = InspectionMessage.SelectionReveal.class, name = "inspection-selection-reveal"),
    @JsonSubTypes.Type(value = InspectionMessage.ItemsDesignated.class, name = "inspection-items"),
    @JsonSubTypes.Type(value = InspectionMessage.Findings.class, name = "inspection-findings"),
    @JsonSubTypes.Type(value = InspectionMessage.JointReport.class, name = "inspection-report"),
    @JsonSubTypes.Type(value = InspectionMessage.AmbiguityRaised.class, name = "inspection-ambiguity"),
    @JsonSubTypes.Type(value = InspectionMessage.Exemption.class, name = "inspection-exemption"),
    @JsonSubTypes.Type(value = InspectionMessage.ExhibitionInvitation.class, name = "exhibition-invitation"),
    @JsonSubTypes.Type(value = InspectionMessage.ExhibitionHeld.class, name = "exhibition-held")})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface InspectionMessage {

  /** The message type's id in the agreement's catalogue. */
  default String typeId() {
    return getClass().getAnnotation(Name.class) != null ? getClass().getAnnotation(Name.class).value() : "";
  }

  /** The message type id of a step class (kept next to the class it names). */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @interface Name {
    String value();
  }

  /** Notice of intent by the inspecting Party: who will be inspected, where and when it arrives. */
  @Name("inspection-notice")
  record Notice(String inspection, String inspectedParty, String pointOfEntry, Instant arrivalTime)
      implements InspectionMessage {}

  /** The team arrived at the point of entry (inspecting Party). */
  @Name("inspection-arrival")
  record Arrival(String inspection, String pointOfEntry) implements InspectionMessage {}

  /** Designation of the site and the type of inspection, 1 or 2 (inspecting Party). */
  @Name("inspection-site")
  record SiteDesignated(String inspection, String facility, int inspectionType) implements InspectionMessage {}

  /** The pre-inspection restrictions are in force at the site (inspected Party). */
  @Name("inspection-restrictions")
  record RestrictionsInForce(String inspection) implements InspectionMessage {}

  /**
   * The inspecting Party commits to its selection secret (hex SHA-256, docs/formats/selection.md)
   * and fixes the latest cosigned checkpoints of both logs and the number of bombers to select.
   */
  @Name("inspection-selection-commit")
  record SelectionCommit(
      String inspection, String commitment, List<dev.verity.core.selection.SelectionInputs.CheckpointRef> checkpoints,
      int bomberCount) implements InspectionMessage {
    public List<dev.verity.core.selection.SelectionInputs.CheckpointRef> checkpoints() {
      return checkpoints == null ? List.of() : checkpoints;
    }
  }

  /** The inspected Party answers with its own secret (hex, 32 bytes). */
  @Name("inspection-selection-answer")
  record SelectionAnswer(String inspection, String secret) implements InspectionMessage {}

  /** The inspecting Party reveals the secret it committed to; the selection follows. */
  @Name("inspection-selection-reveal")
  record SelectionReveal(String inspection, String secret) implements InspectionMessage {}

  /** The missile and the bombers to inspect, by unique identifier (inspecting Party). */
  @Name("inspection-items")
  record ItemsDesignated(String inspection, String missile, List<String> bombers) implements InspectionMessage {
    public List<String> bombers() {
      return bombers == null ? List.of() : bombers;
    }
  }

  /**
   * What the inspectors saw: the unique identifiers, the reentry vehicles counted on the designated
   * missile, and the nuclear armaments counted on each designated bomber (inspecting Party).
   */
  @Name("inspection-findings")
  record Findings(
      String inspection, List<String> uniqueIdentifiers, Integer reentryVehicles, Map<String, Integer> bomberArmaments)
      implements InspectionMessage {
    public List<String> uniqueIdentifiers() {
      return uniqueIdentifiers == null ? List.of() : uniqueIdentifiers;
    }

    public Map<String, Integer> bomberArmaments() {
      return bomberArmaments == null ? Map.of() : bomberArmaments;
    }
  }

  /** A Party's signature of the joint report, by the report's digest (either Party). */
  @Name("inspection-report")
  record JointReport(String inspection, String digest) implements InspectionMessage {}

  /** An ambiguity raised about an inspection, for the commission (either Party). */
  @Name("inspection-ambiguity")
  record AmbiguityRaised(String inspection, String text, List<EntryRef> concerning) implements InspectionMessage {
    public List<EntryRef> concerning() {
      return concerning == null ? List.of() : concerning;
    }
  }

  /** A temporary exemption of one of its facilities from inspection (the facility's Party). */
  @Name("inspection-exemption")
  record Exemption(String facility, Instant from, Instant until, String reason) implements InspectionMessage {}

  /** An invitation to an exhibition of a new type; uses no inspection quota (exhibiting Party). */
  @Name("exhibition-invitation")
  record ExhibitionInvitation(String exhibition, String itemKind, String facility, LocalDate date)
      implements InspectionMessage {}

  /** The exhibition took place; the items shown (either Party). */
  @Name("exhibition-held")
  record ExhibitionHeld(String exhibition, List<String> uniqueIdentifiers) implements InspectionMessage {
    public List<String> uniqueIdentifiers() {
      return uniqueIdentifiers == null ? List.of() : uniqueIdentifiers;
    }
  }
}
