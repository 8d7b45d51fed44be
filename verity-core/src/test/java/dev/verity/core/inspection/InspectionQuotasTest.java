package dev.verity.core.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.agreement.AgreementCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectionQuotasTest {

  private static Inspection at(String id, int type, String facility, String day) {
    Instant s = Instant.parse(day + "T08:00:00Z");
    return new Inspection(id, "RU", type, facility, s, s.plusSeconds(86_400));
  }

  @Test
  void treatyYearRunsFromTheFifthOfFebruary() throws Exception {
    InspectionQuotas q = new InspectionQuotas(AgreementCatalog.get("new-start"));
    assertThat(q.treatyYear(LocalDate.of(2012, 2, 4))).isEqualTo(LocalDate.of(2011, 2, 5));
    assertThat(q.treatyYear(LocalDate.of(2012, 2, 5))).isEqualTo(LocalDate.of(2012, 2, 5));
  }

  @Test
  void quotasPerTypeFacilityAndOneAtATime() throws Exception {
    InspectionQuotas q = new InspectionQuotas(AgreementCatalog.get("new-start"));
    List<Inspection> is = new ArrayList<>();
    for (int i = 0; i < 11; i++) { // 10 Type One allowed; the 11th is over quota
      is.add(at("T1-" + i, 1, "BASE-" + i, LocalDate.of(2012, 3, 1).plusDays(3L * i).toString()));
    }
    is.add(at("T2-a", 2, "STORE", "2012-06-01"));
    is.add(at("T2-b", 2, "STORE", "2012-06-05"));
    is.add(at("T2-c", 2, "STORE", "2012-06-09")); // a facility at most twice a year
    is.add(new Inspection("overlap", "RU", 2, "OTHER", Instant.parse("2012-06-09T12:00:00Z"), Instant.parse("2012-06-10T12:00:00Z")));
    is.add(at("early", 1, "X", "2011-03-01")); // before EIF + 60 days
    is.add(at("US-side", 1, "BASE-0", "2012-03-01")); // on the other Party's territory: independent
    is.set(is.size() - 1, new Inspection("US-side", "US", 1, "BASE-0", Instant.parse("2012-03-01T08:00:00Z"), Instant.parse("2012-03-02T08:00:00Z")));
    assertThat(q.check(is)).extracting(QuotaViolation::inspection).containsExactly("early", "T1-10", "T2-c", "overlap");
    assertThat(q.check(List.of(at("next-year", 1, "BASE-0", "2013-02-05")))).isEmpty();
  }

  @Test
  void voluntaryRegimeHasNoInspections() throws Exception {
    assertThat(new InspectionQuotas(AgreementCatalog.get("new-start-voluntary-2026")).check(List.of(at("x", 1, "B", "2026-06-01"))))
        .singleElement().satisfies(v -> assertThat(v.reason()).contains("no inspections"));
  }

  @Test
  void admitNamesTheRuleAndTheTreatyYear() throws Exception {
    InspectionQuotas q = new InspectionQuotas(AgreementCatalog.get("new-start"));
    List<Inspection> done = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      done.add(at("T1-" + i, 1, "BASE-" + (i % 5), LocalDate.of(2019, 3, 1).plusDays(3L * i).toString()));
    }
    Instant t = Instant.parse("2019-06-01T00:00:00Z");
    assertThat(q.admit(done, "RU", 1, "BASE-9", t)).isEqualTo(
        new Refusal.QuotaExceeded("Type One quota of 10 used in treaty year 2019-02-05..2020-02-04"));
    assertThat(q.admit(done, "RU", 2, "BASE-0", t)).isInstanceOf(Refusal.FacilityLimit.class);
    assertThat(q.admit(done, "RU", 2, "STORE", t)).isNull();
    assertThat(q.admit(done, "US", 1, "BASE-9", t)).isNull();
    assertThat(q.admit(done, "RU", 1, "BASE-9", Instant.parse("2020-02-05T00:00:00Z"))).isNull(); // a new treaty year
    assertThat(q.admit(done, "RU", 1, "BASE-9", Instant.parse("2026-02-05T00:00:00Z"))).isInstanceOf(Refusal.NotAllowed.class);
    assertThat(q.used(done, "RU", 1, LocalDate.of(2019, 2, 5))).isEqualTo(10);
  }
}
