package dev.verity.node.projection;

import dev.verity.node.entry.EntryReading;
import dev.verity.node.store.Records.MessageRow;

/**
 * Folds a stored entry of a Party's log into the projections, as the store's check streams them
 * in log order: how a node rebuilds its projections at start, and how an air-gap import starts
 * from everything received before (online or by earlier bundles), so that new entries follow on.
 */
public final class StoredEntries {
  private StoredEntries() {}

  public static void fold(Projections projections, String party, MessageRow row) {
    EntryReading r = EntryReading.of(party, row.index(), row.entry());
    if (r.readable()) {
      projections.apply(party, row.index(), r.envelope());
    } else {
      projections.skip(party, row.index(), r.problem());
    }
  }
}
