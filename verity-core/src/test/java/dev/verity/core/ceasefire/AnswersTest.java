package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.ceasefire.Answer.Acknowledgement;
import dev.verity.core.ceasefire.Answer.Dispute;
import dev.verity.core.ceasefire.Answer.Finding;
import dev.verity.core.ceasefire.Answer.FindingStatus;
import dev.verity.core.ceasefire.Answer.Ground;
import dev.verity.core.ceasefire.Answer.VerificationRequest;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.Fields;
import dev.verity.core.schema.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers linked to a claim (acknowledgement, dispute of facts or attribution, request to verify,
 * the monitor's finding), kept in order and never overwritten; the monitor's freedom-of-movement
 * restrictions; and what the register refuses in a filed observation.
 */
class AnswersTest {
  static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z");
  final Registers reg = Registers.four();

  static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  @BeforeEach
  void claim() {
    reg.inForce(Registers.commitment("c", T0, null), "US", T0);
    reg.file("UA", at(60), "ua-1", seen("c", "zaporizhzhia", "explosion", 3, at(30))
        .attributedTo("RU").evidence(List.of(Registers.EVIDENCE)).build());
  }

  @Test
  void answersAccumulateInOrder() {
    reg.ok("RU", at(70), new Acknowledgement("ua-1", null))
        .ok("RU", at(80), new Dispute("ua-1", Ground.ATTRIBUTION, "not our unit", "DPR-LPR"))
        .ok("US", at(90), new VerificationRequest("ua-1", "please verify"))
        .ok("SMM", at(100), new Finding("ua-1", FindingStatus.FOLLOWED_UP, null, null, null))
        .ok("SMM", at(200), new Finding("ua-1", FindingStatus.CORROBORATED, "RU", "crater seen",
            List.of(Registers.EVIDENCE)));
    ClaimRecord c = reg.register.claim("ua-1").orElseThrow();
    assertThat(c.answers()).extracting(AnswerRecord::from)
        .containsExactly("RU", "RU", "US", "SMM", "SMM");
    assertThat(c.answers().get(3).answer()).isInstanceOf(Finding.class);
    assertThat(c.findingStatus()).contains(FindingStatus.CORROBORATED);
    assertThat(c.kind()).isEqualTo(ClaimRecord.Kind.CLAIM);
    assertThat(reg.register.page(RegisterQuery.builder()
        .finding(FindingStatus.CORROBORATED, false).build()).claims())
        .extracting(ClaimRecord::id).containsExactly("ua-1");
  }

  @Test
  void whoMayAnswerWhat() {
    reg.refused("UA", at(70), new Acknowledgement("ua-1", null), Rule.WRONG_SENDER);
    reg.refused("SMM", at(70), new Dispute("ua-1", Ground.FACTS, "", null), Rule.WRONG_SENDER);
    reg.refused("RU", at(70), new Finding("ua-1", FindingStatus.NOT_CORROBORATED, null, null,
        null), Rule.WRONG_SENDER);
    reg.refused("SMM", at(70), new VerificationRequest("ua-1", null), Rule.WRONG_SENDER);
    reg.refused("RU", at(70), new Acknowledgement("ua-9", null), Rule.UNKNOWN_CLAIM);
    reg.refused("RU", at(70), new Dispute("ua-1", null, "", null), Rule.MALFORMED);
    reg.refused("RU", at(70), new Dispute("ua-1", Ground.ATTRIBUTION, "", "NOBODY"),
        Rule.MALFORMED);
  }

  @Test
  void aFiledObservationIsCheckedFieldByField() {
    Observation.Builder ok = seen("c", "donetsk", "explosion", 1, at(30));
    reg.refused("RU", at(60), new Action.FileClaim("ua-1", ok.build()), Rule.DUPLICATE);
    reg.refused("RU", at(60), new Action.FileClaim("x", seen("c", "donetsk", "explosion", 1,
        at(61)).build()), Rule.FUTURE_EVENT);
    reg.refused("RU", at(60), new Action.FileClaim("x", ok.category("shelling", null).build()),
        Rule.NOT_IN_VOCABULARY);
    reg.refused("RU", at(60), new Action.FileClaim("x", ok.category("explosion", "loud")
        .build()), Rule.NOT_IN_VOCABULARY);
    reg.refused("RU", at(60), new Action.FileClaim("x", seen("c", "donetsk", "explosion", 0,
        at(30)).build()), Rule.MALFORMED);
    reg.refused("RU", at(60), new Action.FileClaim("x", seen("c", "donetsk", "explosion", 1,
        at(30)).evidence(List.of("not-a-hash")).build()), Rule.MALFORMED);
    // a latitude of 95: no such point can be built, so it is written into the message's fields
    Step north = reg.step("RU", at(60), new Action.FileClaim("x", seen("c", "donetsk",
        "explosion", 1, at(30)).position(new Position("donetsk", new GeoPoint(90, 0), null,
        null)).build()));
    ObjectNode f = north.fields().json();
    ((ObjectNode) f.at("/observation/position/place")).put("lat", 95);
    reg.refused(new Step(north.entry(), north.at(), north.type(), Fields.of(f)), Rule.MALFORMED);
    reg.refused("RU", at(60), new Action.FileClaim("x", seen("nope", "donetsk", "explosion", 1,
        at(30)).build()), Rule.UNKNOWN_COMMITMENT);
    reg.refused("RU", at(60), new Action.FileClaim("x", seen("c", "donetsk", "explosion", 1,
        at(30)).attributedTo("NOBODY").build()), Rule.MALFORMED);
  }

  @Test
  void theMonitorRecordsRestrictionsOfItsFreedomOfMovement() {
    Position checkpoint = new Position("luhansk", new GeoPoint(48.65, 39.49), "DPR-LPR",
        "near Stanytsia Luhanska");
    Restriction delay = new Restriction("fom-1", at(120), checkpoint, Restriction.Kind.DELAY,
        "member of the armed formations", "lack of prior notice", Duration.ofMinutes(128),
        "allowed to travel at 10:20", "PC Decision No. 1117");
    reg.ok("SMM", at(130), delay);
    assertThat(reg.register.restrictions()).containsExactly(delay);
    Restriction noDuration = new Restriction("fom-2", at(120), checkpoint,
        Restriction.Kind.DELAY, null, null, null, null, null);
    reg.refused("SMM", at(130), noDuration, Rule.MALFORMED);
    reg.refused("UA", at(130), delay, Rule.WRONG_SENDER);
    reg.refused("SMM", at(130), delay, Rule.DUPLICATE);
    Restriction denial = new Restriction("fom-3", at(140), checkpoint, Restriction.Kind.DENIAL,
        null, "no reason given", null, "turned back", null);
    reg.refused("SMM", at(130), denial, Rule.FUTURE_EVENT);
    reg.ok("SMM", at(140), denial);
  }
}
