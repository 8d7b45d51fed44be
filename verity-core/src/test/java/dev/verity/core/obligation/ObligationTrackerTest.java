package dev.verity.core.obligation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObligationTrackerTest {

  private static Notification n(String type, String event, String received) {
    return new Notification(1, "US", type, "X", Instant.parse(event), received == null ? null : Instant.parse(received), null, null, null, null);
  }

  @Test
  void notificationDeadlinesFollowTheCatalogue() throws Exception {
    ObligationTracker t = new ObligationTracker(AgreementCatalog.get("new-start"));
    Instant nextDue = Instant.parse("2021-10-01T00:00:00Z");
    // no later than 5 days after the event: the whole fifth day counts
    assertThat(t.deadline(n("item-moved", "2021-04-01T12:00:00Z", null), nextDue)).isEqualTo(Instant.parse("2021-04-07T00:00:00Z"));
    // at least 24 hours before a launch (1988 agreement)
    assertThat(t.deadline(n("launch", "2021-04-01T12:00:00Z", null), nextDue)).isEqualTo(Instant.parse("2021-03-31T12:00:00Z"));
    // warhead changes: with the next semi-annual update
    assertThat(t.deadline(n("warheads-changed", "2021-04-01T12:00:00Z", null), nextDue)).isEqualTo(nextDue);
    List<Obligation> o = t.notifications(List.of(
        n("item-moved", "2021-04-01T12:00:00Z", "2021-04-06T23:59:00Z"),
        n("item-moved", "2021-04-01T12:00:00Z", "2021-04-07T00:00:01Z"),
        n("item-moved", "2021-04-01T12:00:00Z", null)), nextDue, Instant.parse("2021-05-01T00:00:00Z"));
    assertThat(o).extracting(Obligation::status)
        .containsExactly(ObligationStatus.ON_TIME, ObligationStatus.LATE, ObligationStatus.MISSING);
  }

  @Test
  void dataExchangesOwedMetLateOrMissing() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    ObligationTracker t = new ObligationTracker(a);
    // Protocol Part Two: the initial database 45 days after entry into force (22 Mar 2011)
    assertThat(t.exchangeDue(LocalDate.of(2011, 2, 5))).isEqualTo(Instant.parse("2011-03-23T00:00:00Z"));
    assertThat(t.exchangeDue(LocalDate.of(2011, 9, 1))).isEqualTo(Instant.parse("2011-10-02T00:00:00Z"));
    List<Declaration> got = List.of(
        new Declaration("new-start", "US", LocalDate.of(2011, 2, 5), Instant.parse("2011-03-22T10:00:00Z"), null, null),
        new Declaration("new-start", "RU", LocalDate.of(2011, 2, 5), Instant.parse("2011-03-25T10:00:00Z"), null, null),
        new Declaration("new-start", "US", LocalDate.of(2011, 9, 1), null, null, null));
    List<Obligation> o = t.dataExchanges(got, LocalDate.of(2011, 10, 15));
    assertThat(o).extracting(x -> x.party() + " " + x.what() + " " + x.status().label()).containsExactly(
        "RU data exchange as of 2011-02-05 late",
        "US data exchange as of 2011-02-05 on-time",
        "RU data exchange as of 2011-09-01 missing",
        "US data exchange as of 2011-09-01 on-time");
  }

  @Test
  void optionalExchangesAreNeverMissing() throws Exception {
    ObligationTracker t = new ObligationTracker(AgreementCatalog.get("new-start-voluntary-2026"));
    assertThat(t.dataExchanges(List.of(), LocalDate.of(2026, 12, 31)))
        .isNotEmpty().allSatisfy(o -> assertThat(o.status()).isEqualTo(ObligationStatus.PENDING));
  }

  @Test
  void exchangesAreOwedFromTheFirstOneOnAndJudgedByReceipt() throws Exception {
    ObligationTracker t = new ObligationTracker(AgreementCatalog.get("new-start"));
    List<Declaration> got = List.of(
        new Declaration("new-start", "US", LocalDate.of(2020, 3, 1),
            Instant.parse("2020-03-02T00:00:00Z"), null, null),
        new Declaration("new-start", "RU", LocalDate.of(2020, 3, 1),
            Instant.parse("2020-04-02T00:00:00Z"), null, null));
    LocalDate since = LocalDate.of(2020, 3, 1);
    List<Obligation> o = t.dataExchanges(got, since, Instant.parse("2020-10-05T00:00:00Z"));
    assertThat(o).extracting(x -> x.party() + " " + x.what() + " " + x.status().label())
        .containsExactly(
        "RU data exchange as of 2020-03-01 late",
        "US data exchange as of 2020-03-01 on-time",
        "RU data exchange as of 2020-09-01 missing",
        "US data exchange as of 2020-09-01 missing");
    assertThat(t.dataExchanges(got, since, Instant.parse("2020-09-15T00:00:00Z")))
        .filteredOn(x -> x.what().endsWith("2020-09-01")).allSatisfy(x ->
            assertThat(x.status()).isEqualTo(ObligationStatus.PENDING));
  }
}
