package dev.verity.core.ceasefire;

import static dev.verity.core.ceasefire.Registers.seen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Register pages: newest event day first, filtered, paged, with the number matched. */
class RegisterPageTest {
  static final Instant T0 = Instant.parse("2026-03-02T00:00:00Z");
  final Registers reg = Registers.four();

  @BeforeEach
  void fill() {
    reg.inForce(Registers.commitment("c", T0, null), "US", T0);
    for (int i = 0; i < 30; i++) {
      Instant t = T0.plus(Duration.ofHours(8L * i + 1));
      String who = i % 3 == 0 ? "SMM" : i % 3 == 1 ? "UA" : "RU";
      String region = i % 2 == 0 ? "donetsk" : "luhansk";
      reg.file(who, t, "k" + i, seen("c", region, "explosion", 1, t).build());
    }
  }

  @Test
  void newestFirstAndPaged() {
    RegisterPage first = reg.register.page(RegisterQuery.all(4));
    assertThat(first.matched()).isEqualTo(30);
    assertThat(first.claims()).extracting(ClaimRecord::id).containsExactly("k29", "k28", "k27",
        "k26");
    RegisterPage next = reg.register.page(RegisterQuery.builder().page(4, 4).build());
    assertThat(next.claims()).extracting(ClaimRecord::id).containsExactly("k25", "k24", "k23",
        "k22");
  }

  @Test
  void filteredByDayRegionAndFiler() {
    LocalDate day = ReportSchedule.SMM.day(T0.plus(Duration.ofHours(8 * 6 + 1)));
    RegisterQuery q = RegisterQuery.builder().page(0, 100).days(day, day)
        .where("donetsk", "explosion", null).build();
    RegisterPage page = reg.register.page(q);
    assertThat(page.claims()).isNotEmpty().allSatisfy(c -> {
      assertThat(c.day()).isEqualTo(day);
      assertThat(c.observation().position().region()).isEqualTo("donetsk");
    });
    RegisterPage smm = reg.register.page(RegisterQuery.builder().page(0, 100)
        .where(null, null, "SMM").build());
    assertThat(smm.matched()).isEqualTo(10);
    assertThat(smm.claims()).allMatch(c -> c.kind() == ClaimRecord.Kind.OBSERVATION);
    assertThat(reg.register.page(RegisterQuery.builder().finding(null, true).build()).matched())
        .isEqualTo(30);
    assertThat(reg.register.page(RegisterQuery.builder()
        .days(day, day.minusDays(1)).build()).matched())
        .isZero();
    assertThatThrownBy(() -> RegisterQuery.all(RegisterQuery.MAX_LIMIT + 1))
        .hasMessageContaining("limit");
  }

  @Test
  void everyEarlierStateStaysValid() {
    Register before = reg.register;
    Instant t = T0.plus(Duration.ofDays(12));
    reg.file("UA", t, "later", seen("c", "donetsk", "explosion", 1, t).build());
    assertThat(before.claimCount()).isEqualTo(30);
    assertThat(before.claim("later")).isEmpty();
    assertThat(reg.register.claimCount()).isEqualTo(31);
  }
}
