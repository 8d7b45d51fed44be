package dev.verity.node.projection;

import dev.verity.node.store.NodeStore;
import dev.verity.node.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the projections find worth an alarm as entries arrive: a Party's correction that changes a
 * figure already reported, and a data exchange that leaves items of the previous one plus the
 * notifications between unaccounted for, or declares items nothing explains (New START Article
 * VII: the database and the notifications must agree). The node stores them with the other
 * alarms ({@code GET /api/v1/log}); {@code party} is the Party concerned.
 */
public interface ProjectionAlarms {
  /** A Party corrected a notification and a figure already reported for it changed. */
  String FIGURE_CHANGED = "correction-changes-reported-figure";

  /** A data exchange lacks items the previous one plus the notifications between lead to expect. */
  String MISSING_ITEM = "reconciliation-missing-item";

  /** A data exchange declares items neither the previous one nor any notification explains. */
  String UNEXPLAINED_ITEM = "reconciliation-unexplained-item";
  /** The channel these alarms come from (alarms are counted per Party, kind and channel). */
  String SOURCE = "projection";

  /** The node's clock: what was reported by now. */
  Instant now();

  void raise(String party, String kind, String detail);

  /**
   * Alarms stored in {@code store}, dated by {@code clock}. A node does not alarm about its own
   * Party's corrections (it made them); it does about its own data exchanges' discrepancies.
   */
  static ProjectionAlarms into(NodeStore store, Clock clock, String self) {
    Logger log = LoggerFactory.getLogger(ProjectionAlarms.class);
    return new ProjectionAlarms() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void raise(String party, String kind, String detail) {
        if (party.equals(self) && kind.equals(FIGURE_CHANGED)) {
          return;
        }
        log.warn("ALARM {} {}: {}", party, kind, detail);
        try {
          store.raiseAlarm(party, kind, SOURCE, detail, 1);
        } catch (StoreException e) {
          log.error("ALARM not stored ({}): {} {}: {}", e.getMessage(), party, kind, detail);
        }
      }
    };
  }
}
