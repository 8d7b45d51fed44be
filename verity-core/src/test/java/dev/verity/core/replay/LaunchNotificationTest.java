package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.MessageType;
import dev.verity.core.agreement.Protocol;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import dev.verity.core.schema.DistanceUnit;
import dev.verity.core.schema.GeoCircle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 1988 Ballistic Missile Launch Notification Agreement, which is data only
 * (launch-notification-1988.yaml), checked offline through the evaluator: "no less than 24 hours
 * in advance" (Art. I), the launch and impact areas of Art. II, and New START's deferral to it.
 */
class LaunchNotificationTest {
  static final String ID = "launch-notification-1988";
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant LAUNCH = Instant.parse("2025-11-05T07:01:00Z");
  static final String PLESETSK = "{'site': 'Plesetsk'}";
  static final String KURA = "{'circle': {'center': {'lat': 57.3, 'lon': 161.9}, 'radius': 50,"
      + " 'unit': 'nmi'}}";

  final List<Replay.Input> steps = new ArrayList<>();

  /** A notification sent {@code hoursAhead} before the launch (minutes allowed as a fraction). */
  LaunchNotificationTest notify(double hoursAhead, String party, String missileClass,
      String launchArea, String impactAreas) throws Exception {
    Instant at = LAUNCH.minus(Duration.ofMinutes(Math.round(hoursAhead * 60)));
    String fields = "{'missileClass': '" + missileClass + "', 'plannedLaunch': '" + LAUNCH
        + "', 'launchWindowHours': 6, 'launchArea': " + launchArea + ", 'impactAreas': "
        + impactAreas + "}";
    steps.add(new Replay.Input(steps.size(), at, party, "launch-notification",
        JSON.readTree(fields.replace('\'', '"'))));
    return this;
  }

  Replay.Result run() throws Exception {
    return Replay.run(AgreementCatalog.get(ID), steps, LAUNCH.plusSeconds(3600));
  }

  @Test
  void sent25HoursAheadIsOnTimeAnd23HoursAheadIsLate() throws Exception {
    Replay.Result r = notify(25, "US", "ICBM", PLESETSK, "[" + KURA + "]")
        .notify(23, "RU", "ICBM", PLESETSK, "[" + KURA + "]")
        .notify(24, "US", "ICBM", PLESETSK, "[" + KURA + "]").run();
    assertThat(r.accepted()).containsExactly(0, 1, 2);
    assertThat(r.obligations()).extracting(Replay.Owed::regime, Replay.Owed::type,
        Replay.Owed::party, Replay.Owed::due, Replay.Owed::status, Replay.Owed::metBy)
        .containsExactlyInAnyOrder(
            tuple("launch-notification", "twenty-four-hours-ahead", "US",
                Instant.parse("2025-11-04T07:01:00Z"), Status.MET, 0),
            tuple("launch-notification", "twenty-four-hours-ahead", "RU",
                Instant.parse("2025-11-04T07:01:00Z"), Status.LATE, 1),
            tuple("launch-notification", "twenty-four-hours-ahead", "US",
                Instant.parse("2025-11-04T07:01:00Z"), Status.MET, 2));
    assertThat(r.marked()).isEmpty();
  }

  @Test
  void anSlbmMayBeLaunchedFromASeaOrAnOceanQuadrant() throws Exception {
    Replay.Result r = notify(30, "RU", "SLBM", "{'sea': 'White Sea'}", "[" + KURA + "]")
        .notify(30, "US", "SLBM", "{'ocean': 'Pacific', 'quadrant': 'NE'}",
            "[{'polygon': [{'lat': 9.0, 'lon': 167.0}, {'lat': 9.5, 'lon': 167.0},"
                + " {'lat': 9.5, 'lon': 167.8}, {'lat': 9.0, 'lon': 167.8}]}]").run();
    assertThat(r.accepted()).containsExactly(0, 1);
    assertThat(r.obligations()).extracting(Replay.Owed::status).containsOnly(Status.MET);
  }

  @Test
  void anIcbmWithAnImpactCircleInNauticalMiles() throws Exception {
    Agreement a = AgreementCatalog.get(ID);
    var v = a.validate(a.messageType("launch-notification").orElseThrow(), JSON.readTree((
        "{'missileClass': 'ICBM', 'plannedLaunch': '2025-11-05T07:01:00Z', 'launchWindowHours':"
            + " 6, 'launchArea': {'circle': {'center': {'lat': 34.74, 'lon': -120.57},"
            + " 'radius': 5, 'unit': 'km'}}, 'impactAreas': [" + KURA + "]}").replace('\'',
        '"')));
    assertThat(v.errors()).isEmpty();
    GeoCircle impact = (GeoCircle) v.fields().areas("impactAreas").get(0);
    assertThat(impact.unit()).isEqualTo(DistanceUnit.NMI);
    assertThat(impact.radiusMetres()).isEqualTo(50 * 1852.0);
    assertThat(notify(26, "US", "ICBM", PLESETSK, "[" + KURA + "]").run().accepted())
        .containsExactly(0);
  }

  @Test
  void malformedLaunchAreasAreRefusedNamingTheField() throws Exception {
    Replay.Result r = notify(30, "US", "ICBM", "{'sea': 'Barents Sea'}", "[" + KURA + "]")
        .notify(30, "RU", "SLBM", "{'ocean': 'Pacific', 'quadrant': 'N'}", "[" + KURA + "]")
        .notify(30, "RU", "ICBM", "{'polygon': [{'lat': 62.9, 'lon': 40.5},"
            + " {'lat': 63.0, 'lon': 41.0}]}", "[" + KURA + "]")
        .notify(30, "RU", "ICBM", "{'place': 'Plesetsk'}", "[" + KURA + "]")
        .notify(30, "US", "ICBM", PLESETSK, "[]")
        .notify(30, "US", "ICBM", PLESETSK, "[" + KURA.replace("nmi", "miles") + "]").run();
    assertThat(r.accepted()).isEmpty();
    assertThat(r.refused()).extracting(Replay.Refused::refusal).containsOnly(Kind.MALFORMED);
    assertThat(r.refused()).extracting(Replay.Refused::reason).containsExactly(
        "fields.launchArea: allowed only when missileClass is SLBM (it is ICBM)",
        "fields.launchArea.quadrant: expected one of NE, SE, SW, NW",
        "fields.launchArea: expected a polygon {\"polygon\": [point, point, point, ...]} of 3 to"
            + " 1000 points",
        "fields.launchArea: expected one of: an object with the fields site; a polygon"
            + " {\"polygon\": [point, point, point, ...]} of 3 to 1000 points; a circle"
            + " {\"circle\": {\"center\": point, \"radius\": 50, \"unit\": \"km\"}} (unit km or"
            + " nmi); an object with the fields sea (when missileClass is SLBM); an object with"
            + " the fields ocean, quadrant (when missileClass is SLBM)",
        "fields.impactAreas: expected a list of 1 to 10, each one of: a polygon {\"polygon\":"
            + " [point, point, point, ...]} of 3 to 1000 points; a circle {\"circle\":"
            + " {\"center\": point, \"radius\": 50, \"unit\": \"km\"}} (unit km or nmi)",
        "fields.impactAreas[0]: expected a circle {\"circle\": {\"center\": point, \"radius\":"
            + " 50, \"unit\": \"km\"}} (unit km or nmi)");
  }

  /**
   * New START Protocol Part Four, Section IV.1: launch notifications are provided in accordance
   * with the 1988 agreement. New START's launch type names it, and its 24 hours are the 1988
   * agreement's. Each agreement has its own life: Russia's suspension of New START is a step of
   * New START, and a notification under the 1988 agreement after it is in force, not marked.
   */
  @Test
  void newStartDefersItsLaunchNotificationsToThe1988Agreement() throws Exception {
    MessageType launch = AgreementCatalog.get("new-start").messageType("launch").orElseThrow();
    assertThat(launch.providedUnder().agreement()).isEqualTo(ID);
    MessageType under = AgreementCatalog.providedUnder(launch);
    assertThat(under.id()).isEqualTo("launch-notification");
    Protocol.DeadlineRule ahead = AgreementCatalog.get(ID).protocols().get(0).deadlines().get(0);
    assertThat(ahead.due().span().duration())
        .isEqualTo(Duration.ofHours(launch.deadline().beforeEventHours()));
    assertThat(ahead.due().before().field()).isEqualTo("plannedLaunch");

    Replay.Result r = notify(25, "RU", "ICBM", PLESETSK, "[" + KURA + "]").run();
    assertThat(r.marked()).isEmpty();
    assertThat(r.obligations()).extracting(Replay.Owed::status).containsExactly(Status.MET);
  }

  @Test
  void itIsDataOnly() throws Exception {
    Agreement a = AgreementCatalog.get(ID);
    assertThat(Evaluator.of(a).regimes()).extracting(r -> r.getClass().getSimpleName())
        .containsExactly("LifecycleRegime", "ProtocolRegime");
    assertThat(a.itemKinds()).isEmpty();
  }
}
