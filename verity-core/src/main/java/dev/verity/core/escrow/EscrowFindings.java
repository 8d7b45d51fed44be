package dev.verity.core.escrow;

import dev.verity.core.inspection.InspectionMessage.Findings;
import dev.verity.core.message.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the inspectors saw, against what the inspected Party revealed from its escrowed
 * declaration (issue 6: each reveal is checked "against the commitment, and against what
 * inspectors saw"). Under escrow the declaration is not public, so the findings of an inspection
 * are compared with the items revealed with a valid inclusion proof ({@link EscrowVerifier.Result#accepted}):
 * every unique identifier seen must have been revealed at that facility, and the reentry vehicles
 * counted on the designated missile must equal its revealed warheads (New START Protocol Part
 * Five, Section VI: Type One inspection of a designated deployed ICBM or SLBM).
 */
public final class EscrowFindings {
  private EscrowFindings() {}

  /**
   * The disagreements, by unique identifier; empty when the findings match.
   *
   * @param revealed the items revealed with a valid proof, by unique identifier
   * @param facility where the inspection took place
   * @param designatedMissile the missile whose reentry vehicles were counted, or null
   */
  public static List<RevealProblem> check(Map<String, Item> revealed, String facility, String designatedMissile,
      Findings findings) {
    List<RevealProblem> out = new ArrayList<>();
    for (String uid : findings.uniqueIdentifiers()) {
      Item it = revealed.get(uid);
      if (it == null) {
        out.add(new RevealProblem(uid, "seen by the inspectors at " + facility + " but not revealed with a valid proof"));
      } else if (facility != null && !facility.equals(it.facility())) {
        out.add(new RevealProblem(uid, "seen by the inspectors at " + facility + " but revealed at " + it.facility()));
      }
    }
    if (designatedMissile != null && findings.reentryVehicles() != null) {
      out.addAll(reentryVehicles(revealed.get(designatedMissile), designatedMissile, findings.reentryVehicles()));
    }
    for (Map.Entry<String, Integer> b : new TreeMap<>(findings.bomberArmaments()).entrySet()) {
      Item bomber = revealed.get(b.getKey());
      if (bomber == null) {
        out.add(new RevealProblem(b.getKey(), "bomber inspected but not revealed with a valid proof"));
      } else if (!bomber.nuclearArmed() && b.getValue() != null && b.getValue() > 0) {
        out.add(new RevealProblem(b.getKey(), "revealed as " + bomber.armament() + " but carried " + b.getValue()
            + " nuclear armaments"));
      }
    }
    return out;
  }

  private static List<RevealProblem> reentryVehicles(Item missile, String id, int counted) {
    if (missile == null) {
      return List.of(new RevealProblem(id, "designated missile not revealed with a valid proof"));
    }
    if (missile.warheadCount() != counted) {
      return List.of(new RevealProblem(id, "reentry vehicles counted: " + counted + ", revealed: " + missile.warheadCount()));
    }
    return List.of();
  }
}
