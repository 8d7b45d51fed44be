package dev.verity.node.projection;

import dev.verity.node.entry.EntryException;
import dev.verity.node.entry.Envelope;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.StoreException;

/**
 * Folds what the store holds of a Party's log into the projections, in log order: how a node
 * rebuilds its projections at start, and how an air-gap import starts from everything received
 * before (online or by earlier bundles), so that the new entries follow on from them.
 */
public final class StoredEntries {
  private StoredEntries() {}

  public static void fold(Projections projections, NodeStore store, String party)
      throws StoreException {
    for (MessageRow row : store.allMessages(party)) {
      try {
        projections.apply(party, row.index(), Envelope.decode(row.entry()));
      } catch (EntryException e) {
        projections.skip(party, row.index(), party + "/" + row.index() + ": " + e.getMessage());
      }
    }
  }
}
