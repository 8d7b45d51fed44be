package dev.verity.node.module;

import dev.verity.node.projection.Owed;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The code regimes the node folds through the evaluator (talks, the ceasefire register,
 * exchanges) as their routes read them: each regime's view and folded state, the provisions'
 * obligations, and the node's own private directory for what never goes on the log (a
 * delegation's reports to its capital).
 */
public interface ProvisionQueries {
  /** Each provision regime's view (its state as it shows it), by regime id. */
  Map<String, Object> views();

  /** The folded state of regime {@code regime} if the agreement has it and it is a {@code type}. */
  <S> Optional<S> state(String regime, Class<S> type);

  /** The provisions' typed obligations as of {@code asOf}. */
  List<Owed> obligations(Instant asOf);

  /** The Party this node speaks for. */
  String party();

  /** The node's directory ({@code --dir}): its private files live there, never served to peers. */
  Path nodeDir();
}
