package dev.verity.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.commission.CommissionRegime;
import dev.verity.core.inventory.InventoryState;
import dev.verity.core.inventory.InventoryTimeline;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import dev.verity.core.message.Notification;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.regime.Obligation.Status;
import dev.verity.core.regime.Refusal.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The offline evaluator over New START's code regimes: schema first, then each regime. */
class ReplayTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s.replace('\'', '"'));
  }

  static Replay.Input in(List<Replay.Input> all, String at, String party, String type,
      String fields) throws Exception {
    Replay.Input i = new Replay.Input(all.size(), Instant.parse(at), party, type, json(fields));
    all.add(i);
    return i;
  }

  static Declaration usDeclaration() {
    return new Declaration("new-start", "US", LocalDate.of(2020, 9, 1), null, List.of(
        new Facility("BASE-1", null, "icbm-base", null, null),
        new Facility("STORE-1", null, "storage-facility", null, null),
        new Facility("AIR-1", null, "air-base", null, null)), List.of(
        Item.of("SILO-1", "icbm-launcher-silo", "BASE-1"),
        new Item("M-1", "icbm", "BASE-1", "SILO-1", null, 2, null, null, null, null),
        Item.of("B-1", "heavy-bomber", "AIR-1")));
  }

  @Test
  void notificationsAreFoldedIntoTheInventoryAndJudgedByTheirDeadlines() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    List<Replay.Input> s = new ArrayList<>();
    s.add(new Replay.Input(0, Instant.parse("2020-09-20T09:00:00Z"), "US", "declaration",
        DataExchangeJson.mapper().valueToTree(usDeclaration())));
    in(s, "2020-10-03T09:00:00Z", "US", "item-eliminated",
        "{'item': 'B-1', 'eventTime': '2020-10-01T00:00:00Z'}");
    in(s, "2020-10-20T09:00:00Z", "US", "missile-unloaded",
        "{'item': 'M-1', 'facility': 'STORE-1', 'eventTime': '2020-10-05T00:00:00Z'}");
    in(s, "2020-10-20T10:00:00Z", "US", "item-moved",
        "{'item': 'B-1', 'facility': 'BASE-1', 'eventTime': '2020-10-06T00:00:00Z'}");
    in(s, "2020-10-20T11:00:00Z", "US", "item-moved",
        "{'item': 'M-1', 'facility': 'BASE-1', 'eventTime': 'yesterday'}");
    in(s, "2020-10-20T12:00:00Z", "RU", "item-lost",
        "{'item': 'X-1', 'eventTime': '2020-10-06T00:00:00Z'}");
    in(s, "2020-10-20T13:00:00Z", "CN", "item-lost",
        "{'item': 'X-1', 'eventTime': '2020-10-06T00:00:00Z'}");
    in(s, "2020-10-20T14:00:00Z", "US", "launch-notice", "{}");

    Replay.Result r = Replay.run(a, s, null);
    assertThat(r.accepted()).containsExactly(0, 1, 2);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(tuple(3, Kind.CONFLICT, "inventory"),
            tuple(4, Kind.MALFORMED, "schema"), tuple(5, Kind.WRONG_STATE, "declaration-first"),
            tuple(6, Kind.WRONG_ROLE, "participants"), tuple(7, Kind.UNKNOWN_TYPE,
                "message-types"));
    assertThat(r.refused().get(0).reason()).contains("was eliminated by");
    assertThat(r.refused().get(1).reason()).isEqualTo(
        "fields.eventTime: expected an ISO 8601 UTC instant such as 2020-10-01T10:00:00Z");

    assertThat(r.obligations()).filteredOn(o -> o.party().equals("US")
        && !o.type().equals("data-exchange")).extracting(Replay.Owed::type, Replay.Owed::subject,
            Replay.Owed::status, Replay.Owed::metBy)
        .containsExactly(tuple("item-eliminated", "1", Status.MET, 1),
            tuple("missile-unloaded", "2", Status.LATE, 2));
    assertThat(r.obligations()).filteredOn(o -> o.subject().equals("2020-09-01"))
        .extracting(Replay.Owed::party, Replay.Owed::status, Replay.Owed::metBy)
        .containsExactly(tuple("RU", Status.MISSING, null), tuple("US", Status.MET, 0));

    // the totals are the inventory's own, after the accepted notifications
    Declaration d = usDeclaration();
    List<Notification> ns = List.of(
        new Notification(1, "US", "item-eliminated", "B-1", Instant.parse("2020-10-01T00:00:00Z"),
            null, null, null, null, null),
        new Notification(2, "US", "missile-unloaded", "M-1",
            Instant.parse("2020-10-05T00:00:00Z"), null, "STORE-1", null, null, null));
    var us = ((Map<?, ?>) r.state().get("inventory")).get("US");
    assertThat(((InventoryState.PartyView) us).aggregates()).isEqualTo(
        new InventoryTimeline(a, "US", d, ns).latest().aggregates());
  }

  @Test
  void theCommissionAmendsTheAgreementOnceBothSign() throws Exception {
    List<Replay.Input> s = new ArrayList<>();
    in(s, "2020-05-01T09:00:00Z", "US", "commission-session",
        "{'session': 'S-1', 'date': '2020-05-01', 'place': 'Geneva'}");
    in(s, "2020-05-01T10:00:00Z", "RU", "commission-decision-signed", "{'decision': 'D-1'}");
    in(s, "2020-05-01T11:00:00Z", "US", "commission-decision", """
        {'decision': 'D-1', 'session': 'S-1', 'text': 'eleven Type One inspections',
         'effectiveFrom': '2020-06-01T00:00:00Z',
         'amendments': [{'path': 'inspections.typeOne', 'value': 11}]}""");
    in(s, "2020-05-02T10:00:00Z", "RU", "commission-decision-signed", "{'decision': 'D-1'}");
    in(s, "2020-05-02T11:00:00Z", "RU", "commission-decision-signed", "{'decision': 'D-1'}");
    in(s, "2020-05-02T12:00:00Z", "US", "commission-session", "{'session': 'S 2', 'date': 'May'}");

    Replay.Result r = Replay.run(AgreementCatalog.get("new-start"), s, null);
    assertThat(r.accepted()).containsExactly(0, 2, 3);
    assertThat(r.refused()).extracting(Replay.Refused::index, Replay.Refused::refusal,
        Replay.Refused::rule).containsExactly(tuple(1, Kind.SUBJECT, "known-decision"),
            tuple(4, Kind.WRONG_STATE, "one-signature"), tuple(5, Kind.MALFORMED, "schema"));
    assertThat(r.refused().get(2).reason()).contains("fields.session: expected an identifier",
        "fields.date: expected a date such as 2020-10-15");
    var view = (CommissionRegime.View) r.state().get("commission");
    assertThat(view.versions()).extracting(CommissionRegime.Version::decision)
        .containsExactly(null, "D-1");
    assertThat(view.decisions()).singleElement().satisfies(d -> assertThat(d.adoptedAt())
        .isEqualTo(Instant.parse("2020-05-02T10:00:00Z")));
  }

  @Test
  void everyBundledMessageTypeGoesToSomeRegime() throws Exception {
    for (Agreement a : AgreementCatalog.bundled()) {
      Evaluator e = Evaluator.of(a);
      for (var m : a.messages()) {
        assertThat(e.routes(m.id())).as(a.id() + " " + m.id()).isNotEmpty();
        assertThat(e.routes(m.id()).stream().filter(r -> !(r instanceof ProtocolRegime)))
            .as(a.id() + " " + m.id() + ": at most one regime whose rules are code")
            .hasSizeLessThan(2);
      }
    }
  }
}
