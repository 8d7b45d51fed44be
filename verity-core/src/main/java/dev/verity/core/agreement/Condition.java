package dev.verity.core.agreement;

import java.util.List;

/**
 * A conjunction of the conditions that the agreement's definitions use to derive an item's
 * status (New START Protocol Part One); absent fields do not constrain. Evaluated by the
 * inventory projection.
 *
 * @param loaded a launcher contains a missile
 * @param notTest the item is not a test or training item
 * @param carrierLaunched a launcher is on a submarine that has been launched
 * @param inDeployedLauncher a missile is in a launcher whose status is deployed
 * @param notAtFacilityKinds the item is not at a facility of one of these kinds
 * @param nuclearArmament a bomber is equipped for nuclear armaments
 * @param notConverted the item has not been converted
 * @param never the condition never holds (e.g. a submarine itself counts toward nothing)
 */
public record Condition(
    Boolean loaded,
    Boolean notTest,
    Boolean carrierLaunched,
    Boolean inDeployedLauncher,
    List<String> notAtFacilityKinds,
    Boolean nuclearArmament,
    Boolean notConverted,
    Boolean never) {

  public static final Condition ALWAYS = new Condition(null, null, null, null, null, null, null, null);

  public List<String> notAtFacilityKinds() {
    return notAtFacilityKinds == null ? List.of() : notAtFacilityKinds;
  }

  static boolean on(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
