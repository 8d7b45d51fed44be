package dev.verity.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written instant parser against the definition it replaced: the bounded form's
 * regular expression, then {@code OffsetDateTime.parse}. Both must accept and refuse the same
 * strings and give the same instants.
 */
class BoundedInstantsTest {
  private static Instant reference(String s) {
    if (!BoundedInstants.INSTANT.matcher(s).matches()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void agreesWithTheFormatterOnEdgeCases() {
    List<String> cases = List.of("2020-09-01T00:00:00Z", "2026-02-05T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-02-29T12:00:00Z",
        "2023-02-29T12:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T23:60:00Z", "2026-01-01T23:59:60Z",
        "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z", "2026-01-01T00:00:00.5Z",
        "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00+18:01", "2026-01-01T00:00:00-18:00",
        "2026-01-01T00:00:00+05:30", "2026-01-01T00:00:00-05:30", "2026-01-01T00:00:00+05:60",
        "2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00z",
        "2026-01-01t00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00Z",
        "+12026-01-01T00:00:00Z", "2026-01-01T00:00:00+0530", "2026-01-01T00:00:00+05:3",
        "2026-01-01T00:00:00Z ", " 2026-01-01T00:00:00Z", "2026-01-01T00:00:00.12a4Z",
        "2026-0a-01T00:00:00Z", "", "2026-01-01T00:00:00+05:30Z", "١٢٣٤-01-01T00:00:00Z");
    for (String s : cases) {
      assertThat(BoundedInstants.parseInstant(s)).as(s).isEqualTo(reference(s));
    }
    assertThat(BoundedInstants.parseInstant("2026-02-05T23:59:59.5+03:00"))
        .isEqualTo(Instant.parse("2026-02-05T20:59:59.500Z"));
    assertThat(BoundedInstants.parseInstant(null)).isNull();
  }

  /** Valid instants with one character changed or removed, from a fixed seed. */
  @Test
  void agreesWithTheFormatterOnMutatedInstants() {
    Random r = new Random(18);
    String alphabet = "0123456789-:T.Z+z ";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      String s = valid(r);
      if (r.nextInt(4) > 0) {
        StringBuilder b = new StringBuilder(s);
        int at = r.nextInt(b.length());
        if (r.nextBoolean()) {
          b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
        } else {
          b.deleteCharAt(at);
        }
        s = b.toString();
      }
      Instant got = BoundedInstants.parseInstant(s);
      assertThat(got).as(s).isEqualTo(reference(s));
      accepted += got == null ? 0 : 1;
    }
    assertThat(accepted).as("both valid and invalid strings were tried").isBetween(3_000, 17_000);
  }

  private static String valid(Random r) {
    String fraction = r.nextBoolean() ? ""
        : "." + String.valueOf(1_000_000_000L + r.nextInt(1_000_000_000)).substring(1,
            2 + r.nextInt(9));
    String offset = r.nextBoolean() ? "Z"
        : String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(19), r.nextInt(60));
    return String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", r.nextInt(10_000),
        1 + r.nextInt(12), 1 + r.nextInt(31), r.nextInt(24), r.nextInt(60), r.nextInt(60),
        fraction, offset);
  }
}
