package dev.verity.core.talks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.core.agreement.Party;
import dev.verity.core.message.EntryRef;
import dev.verity.core.regime.Step;
import dev.verity.core.replay.Replay;
import dev.verity.core.schema.Fields;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 2026 rounds as steps (test resource {@code trilateral-talks-2026.yaml}), each as the
 * offline evaluator reads a line of a steps file: when, which party, the message type and its
 * fields. Each step is an entry of its sender's log, numbered in the order of that party's steps.
 */
record TalksFixture(List<Party> participants, List<Replay.Input> inputs) {

  static TalksFixture load() throws IOException {
    JsonNode y;
    try (InputStream in = TalksFixture.class.getResourceAsStream(
        "trilateral-talks-2026.yaml")) {
      y = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    List<Party> participants = new ArrayList<>();
    y.get("participants").forEach(p -> participants.add(Party.of(p.get("id").asText(),
        p.get("role").asText())));
    List<Replay.Input> inputs = new ArrayList<>();
    for (JsonNode s : y.get("steps")) {
      inputs.add(new Replay.Input(inputs.size(), Instant.parse(s.get("at").asText()),
          s.get("party").asText(), s.get("type").asText(), s.get("fields")));
    }
    return new TalksFixture(participants, inputs);
  }

  /** The steps, each an entry of its sender's log. */
  List<Step> steps() {
    Map<String, Integer> next = new HashMap<>();
    List<Step> out = new ArrayList<>();
    for (Replay.Input in : inputs) {
      out.add(new Step(new EntryRef(in.party(), next.merge(in.party(), 1, Integer::sum) - 1),
          in.at(), in.type(), Fields.of((ObjectNode) in.fields())));
    }
    return out;
  }

  TalksRegime regime() {
    return new TalksRegime(new TalksRules(participants));
  }
}
