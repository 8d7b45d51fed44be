package dev.verity.node.hotline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The line's incidents (us-ru-military-line.yaml, protocol {@code incident}; the MQ-9 over the
 * Black Sea, 14 March 2023, is the pattern): each report with its time, position, category,
 * units and account, and every Party's statements of position beside one another, each its own
 * signed entry, so contradicting accounts stay side by side and neither replaces the other.
 */
final class Incidents {
  static final String REPORT = "incident-report";
  static final String STATEMENT = "incident-statement";
  static final Set<String> TYPES = Set.of(REPORT, STATEMENT);

  private Incidents() {}

  /** One Party's statement of position, as signed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Statement(EntryRef entry, String party, Instant at, String officer, String statement,
      JsonNode evidence, Instant receiptedAt) {}

  /** An incident: the report and the statements by Party, in the agreement's Party order. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Incident(String id, EntryRef entry, String reportedBy, Instant reportedAt,
      Instant occurredAt, JsonNode position, String category, JsonNode unitsInvolved,
      String account, JsonNode evidence, Instant receiptedAt,
      Map<String, List<Statement>> statements) {}

  /** The incidents as of {@code asOf}, newest report first; {@code parties} in order. */
  static List<Incident> of(List<String> parties, Instant asOf, List<Step> steps,
      Function<EntryRef, Optional<Instant>> receipts) {
    Map<String, Incident> byId = new LinkedHashMap<>();
    for (Step s : steps) {
      if (s.at().isAfter(asOf)) {
        continue;
      }
      var f = s.fields();
      String id = f.text("incident").orElse(null);
      if (s.type().equals(REPORT) && !byId.containsKey(id)) {
        Map<String, List<Statement>> st = new LinkedHashMap<>();
        parties.forEach(p -> st.put(p, new ArrayList<>()));
        byId.put(id, new Incident(id, s.entry(), s.party(), s.at(),
            f.instant("occurredAt").orElse(null), f.get("position").orElse(null),
            f.text("category").orElse(null), f.get("unitsInvolved").orElse(null),
            f.text("account").orElse(null), f.get("evidence").orElse(null),
            receipts.apply(s.entry()).orElse(null), st));
      } else if (s.type().equals(STATEMENT) && byId.containsKey(id)) {
        byId.get(id).statements().computeIfAbsent(s.party(), p -> new ArrayList<>())
            .add(new Statement(s.entry(), s.party(), s.at(), f.text("officer").orElse(null),
                f.text("statement").orElse(null), f.get("evidence").orElse(null),
                receipts.apply(s.entry()).orElse(null)));
      }
    }
    List<Incident> out = new ArrayList<>(byId.values());
    Collections.reverse(out);
    return out;
  }
}
