package dev.verity.core.inspection;

/** Why a step was refused: a value, never an exception. {@link #reason()} says it in words. */
public sealed interface Refusal {
  String reason();

  /** The quota for this type of inspection is used up in the treaty year. */
  record QuotaExceeded(String reason) implements Refusal {}

  /** Another inspection is under way on the inspected Party's territory. */
  record OneAtATime(String reason) implements Refusal {}

  /** The facility was already inspected as often as a treaty year allows. */
  record FacilityLimit(String reason) implements Refusal {}

  /** The inspected Party exempted the facility for the time. */
  record FacilityExempted(String reason) implements Refusal {}

  /** Type One outside ICBM, submarine and air bases, or Type Two at one of them. */
  record WrongInspectionType(String reason) implements Refusal {}

  /** A facility or item that the inspected Party has not declared. */
  record NotDeclared(String reason) implements Refusal {}

  /** The agreement provides for no inspections now (none at all, not in force, or too early). */
  record NotAllowed(String reason) implements Refusal {}

  /** The step does not follow from the inspection's current phase. */
  record OutOfSequence(String reason) implements Refusal {}

  /** The step came from a Party that may not send it. */
  record WrongSender(String reason) implements Refusal {}

  /** The step names an inspection or exhibition that does not exist, or reuses an id. */
  record UnknownOrDuplicate(String reason) implements Refusal {}

  /** The Parties signed joint reports with different digests. */
  record ReportMismatch(String reason) implements Refusal {}

  /** A Party revealed a selection secret other than the one it committed to. */
  record RevealMismatch(String reason) implements Refusal {}

  /** Designated items other than those the verifiable selection chose. */
  record NotSelected(String reason) implements Refusal {}

  /** A field is missing or out of range. */
  record Malformed(String reason) implements Refusal {}
}
