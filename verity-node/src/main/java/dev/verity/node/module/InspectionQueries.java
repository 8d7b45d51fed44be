package dev.verity.node.module;

import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Item;
import dev.verity.node.projection.InspectionProjection.Logged;
import dev.verity.node.projection.InspectionProjection.State;
import java.time.Instant;
import java.util.Optional;

/** Inspections, exhibitions and the commission as the routes read them. */
public interface InspectionQueries {
  /** The inspection ledger and the commission folded over the steps up to {@code asOf}. */
  State stateAsOf(Instant asOf);

  /** The logged message of step {@code ref}. */
  Optional<Logged> logged(EntryRef ref);

  /** Item {@code id} as {@code party} declared it at {@code at}. */
  Optional<Item> declaredItem(String party, String id, Instant at);
}
