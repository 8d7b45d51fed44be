package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The one reading of {@code asOf}: a date is the end of its UTC day; absent, the node's clock. */
class AsOfTest {
  private static final Clock EXERCISE =
      Clock.fixed(Instant.parse("2011-02-05T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void aDateIsTheEndOfItsUtcDay() {
    Instant end = AsOf.read("2020-09-01", EXERCISE);
    assertThat(end).isEqualTo(Instant.parse("2020-09-01T23:59:59.999999999Z"));
    assertThat(end).isBefore(Instant.parse("2020-09-02T00:00:00Z"));
    assertThat(AsOf.day(end)).isEqualTo(LocalDate.parse("2020-09-01"));
  }

  @Test
  void anInstantIsThatInstantAndItsDayIsItsUtcDay() {
    Instant t = AsOf.read("2020-09-01T23:30:00Z", EXERCISE);
    assertThat(t).isEqualTo(Instant.parse("2020-09-01T23:30:00Z"));
    assertThat(AsOf.day(AsOf.read("2020-09-01T22:30:00-03:00", EXERCISE)))
        .isEqualTo(LocalDate.parse("2020-09-02"));
  }

  @Test
  void absentItIsNowByTheNodesClockNotTheWallClock() {
    assertThat(AsOf.read(null, EXERCISE)).isEqualTo(EXERCISE.instant());
  }

  @Test
  void anythingElseIsRefusedNamingTheFieldInPlainWords() {
    for (String bad : new String[] {"yesterday", "2020-9-1", "+999999999-01-01", "2020-02-30",
        "2020-09-01T10:00", ""}) {
      assertThatThrownBy(() -> AsOf.read(bad, EXERCISE))
          .as(bad)
          .isInstanceOfSatisfying(Http.ApiError.class, e -> {
            assertThat(e.status).isEqualTo(400);
            assertThat(e.field).isEqualTo("asOf");
          })
          .hasMessageContaining("a date such as 2020-09-01 (meaning the end of that UTC day)")
          .hasMessageContaining("four-digit year")
          .hasMessageNotContaining("java.");
    }
  }
}
