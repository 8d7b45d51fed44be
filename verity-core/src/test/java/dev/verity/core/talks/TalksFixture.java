package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.talks.Action.AddAgendaItem;
import dev.verity.core.talks.Action.AnchorCapitalReport;
import dev.verity.core.talks.Action.AnnounceRound;
import dev.verity.core.talks.Action.AssignActionItem;
import dev.verity.core.talks.Action.CompleteActionItem;
import dev.verity.core.talks.Action.HoldSession;
import dev.verity.core.talks.Action.Initial;
import dev.verity.core.talks.Action.OpenTrack;
import dev.verity.core.talks.Action.RecordOutput;
import dev.verity.core.talks.Action.SetRoster;
import dev.verity.core.talks.Action.Sign;
import dev.verity.core.talks.Action.SubmitText;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The 2026 rounds as steps (test resource {@code trilateral-talks-2026.yaml}), read with Jackson:
 * each action is an object named after its type ({@code {announceRound: {...}}}).
 */
record TalksFixture(List<Participant> participants, List<Step> steps) {

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
  interface ActionMixin {}

  static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
        .addMixIn(Action.class, ActionMixin.class);
    m.registerSubtypes(new NamedType(AnnounceRound.class, "announceRound"),
        new NamedType(SetRoster.class, "setRoster"), new NamedType(OpenTrack.class, "openTrack"),
        new NamedType(AddAgendaItem.class, "addAgendaItem"),
        new NamedType(HoldSession.class, "holdSession"),
        new NamedType(SubmitText.class, "submitText"), new NamedType(Initial.class, "initial"),
        new NamedType(Sign.class, "sign"),
        new NamedType(AssignActionItem.class, "assignActionItem"),
        new NamedType(CompleteActionItem.class, "completeActionItem"),
        new NamedType(AnchorCapitalReport.class, "anchorCapitalReport"),
        new NamedType(RecordOutput.class, "recordOutput"));
    return m;
  }

  static TalksFixture load() throws IOException {
    try (InputStream in = TalksFixture.class.getResourceAsStream(
        "trilateral-talks-2026.yaml")) {
      return mapper().readValue(in, TalksFixture.class);
    }
  }

  TalksRegime regime() {
    return new TalksRegime(new TalksRules(participants));
  }
}
