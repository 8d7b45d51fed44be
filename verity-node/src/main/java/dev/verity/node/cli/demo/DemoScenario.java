package dev.verity.node.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.scenario.ForceTemplates;
import dev.verity.core.scenario.PublishedData;
import dev.verity.core.scenario.Scenario;
import dev.verity.core.scenario.ScenarioGenerator;
import java.io.Reader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The demo's traffic: a New START scenario generated from the published aggregates
 * (ScenarioGenerator), as API submissions per Party: the declaration as of {@code asOf}, then the
 * notifications to the next exchange, in order. {@code receivedAt} is dropped: the receipt time
 * comes from the peer's cosignature.
 */
public final class DemoScenario {
  public static final LocalDate AS_OF = LocalDate.of(2020, 3, 1);

  /** One submission for {@code POST /api/v1/messages}. */
  public record Submission(String party, String clientId, String type, JsonNode message) {
    public ObjectNode body() {
      ObjectNode o = DataExchangeJson.mapper().createObjectNode();
      o.put("clientId", clientId);
      o.put("type", type);
      o.set("message", message);
      return o;
    }
  }

  private DemoScenario() {}

  /** Each Party's submissions: its declaration first, then up to {@code maxNotifications} notifications. */
  public static List<Submission> submissions(String party, int maxNotifications, long seed) throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<AggregatesTable.Row> rows;
    try (Reader r = PublishedData.newStartAggregates()) {
      rows = AggregatesTable.read(PublishedData.NEW_START_AGGREGATES, r, a);
    }
    Scenario s = new ScenarioGenerator(a, rows, ForceTemplates.bundled()).generate(AS_OF, null, 0, seed);
    List<Submission> out = new ArrayList<>();
    Declaration d = s.declarations().stream().filter(x -> x.party().equals(party) && x.asOf().equals(AS_OF))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no declaration of " + party));
    ObjectNode dj = DataExchangeJson.mapper().valueToTree(d);
    dj.remove("receivedAt");
    out.add(new Submission(party, party + "-declaration-" + AS_OF, "declaration", dj));
    List<Notification> ns = s.notifications().stream().filter(n -> n.party().equals(party))
        .sorted(Comparator.comparingLong(Notification::number)).limit(maxNotifications).toList();
    for (Notification n : ns) {
      ObjectNode nj = DataExchangeJson.mapper().valueToTree(n);
      nj.remove("receivedAt");
      out.add(new Submission(party, party + "-n" + n.number(), n.type(), nj));
    }
    return out;
  }
}
