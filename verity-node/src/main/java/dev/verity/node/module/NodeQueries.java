package dev.verity.node.module;

import dev.verity.core.agreement.Agreement;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.submit.SubmitRequest;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What the node lends its modules' routes: read-only queries over its projections, its clock and
 * one way to submit. A route takes the narrow part it uses ({@link InventoryQueries},
 * {@link InspectionQueries}, ...), never the node itself.
 */
public interface NodeQueries {
  /** The node's clock: real time, or an exercise node's clock (never the wall clock then). */
  Clock clock();

  Agreement agreement();

  /** The Parties of the agreement, in order. */
  List<String> parties();

  InventoryQueries inventory();

  InspectionQueries inspections();

  /**
   * The provisions folded through the evaluator (talks, the ceasefire register, exchanges): their
   * views and states, from every Party's entries.
   */
  ProvisionQueries provisions();

  /** The military line's reads (issue 14). */
  HotlineQueries hotline();

  /** Every Party's escrow commitments and reveals. */
  EscrowLedger escrow();

  /**
   * Registers a gauge of this agreement on the node's {@code /metrics} (issue 17), read at each
   * scrape; {@code tags} are the module's own, the agreement's is added.
   */
  void gauge(String name, String description, Map<String, String> tags, LongSupplier value);

  /**
   * Submits {@code request} as the caller through the node's submit pipeline and answers with
   * its receipt (201, or 200 for a client id seen before), or the refusal.
   */
  void submit(Context ctx, SubmitRequest request) throws Exception;
}
