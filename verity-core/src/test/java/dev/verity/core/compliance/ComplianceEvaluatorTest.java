package dev.verity.core.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ComplianceEvaluatorTest {

  private static Map<String, Long> values(Long d, Long w, Long l) {
    Map<String, Long> m = new HashMap<>();
    m.put("deployed_icbm_slbm_hb", d);
    m.put("warheads", w);
    m.put("deployed_and_nondeployed_launchers", l);
    return m;
  }

  @Test
  void statusFollowsTheDates() throws Exception {
    Agreement a = AgreementCatalog.get("new-start");
    ComplianceEvaluator ev = new ComplianceEvaluator(a);
    Map<String, Long> over = values(701L, 1551L, 801L);
    assertThat(ev.evaluate(LocalDate.of(2018, 2, 4), "US", over).limits())
        .allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.NOT_IN_FORCE));
    assertThat(ev.evaluate(LocalDate.of(2018, 2, 5), "US", over).limits())
        .allSatisfy(l -> {
          assertThat(l.status()).isEqualTo(LimitStatus.EXCEEDS);
          assertThat(l.margin()).isEqualTo(-1L);
        });
    assertThat(ev.evaluate(LocalDate.of(2026, 2, 5), "US", over).limits())
        .allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.EXPIRED));
    assertThat(ev.evaluate(LocalDate.of(2010, 1, 1), "US", over).limits())
        .allSatisfy(l -> assertThat(l.status()).isEqualTo(LimitStatus.NOT_IN_FORCE));
  }

  @Test
  void atTheLimitIsWithinAndBlankIsUnknown() throws Exception {
    ComplianceEvaluator ev = new ComplianceEvaluator(AgreementCatalog.get("new-start"));
    PartyCompliance pc = ev.evaluate(LocalDate.of(2020, 1, 1), "RU", values(700L, null, 0L));
    assertThat(pc.limits()).extracting(LimitResult::status)
        .containsExactly(LimitStatus.WITHIN, LimitStatus.UNKNOWN, LimitStatus.WITHIN);
    assertThat(pc.limits().get(0).margin()).isZero();
    assertThat(pc.violates()).isFalse();
  }
}
