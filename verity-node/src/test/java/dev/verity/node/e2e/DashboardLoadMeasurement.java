package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.e2e.Cluster.Member;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A measurement, not a timed test (it asserts nothing about speed): how long each dashboard page
 * takes to load in headless Chromium when the node holds a year of New START-scale traffic, about
 * 2,000 messages (1,000 per Party: the scenario's notifications, then exercise notifications).
 * Runs only with {@code -Dverity.dashboard.measure=true}; prints a table and writes
 * target/dashboard-load.txt. Load time = from navigation start to the page fully rendered from
 * the API (the page's own performance.now() when it marks itself ready), median of 5 full loads.
 */
class DashboardLoadMeasurement {
  static final int PER_PARTY = Integer.getInteger("verity.dashboard.perParty", 1000);

  @TempDir Path root;

  @Test
  @Timeout(900)
  void pageLoadTimesWithAYearOfTraffic() throws Exception {
    Assumptions.assumeTrue(Boolean.getBoolean("verity.dashboard.measure"),
        "a measurement: run with -Dverity.dashboard.measure=true");
    Browser.assumeInstalled();
    try (Cluster cluster = new Cluster(root)) {
      Member us = cluster.init("new-start", "US");
      Member ru = cluster.init("new-start", "RU");
      cluster.pinAll();
      cluster.startAll();
      long t0 = System.nanoTime();
      for (Member m : List.of(us, ru)) {
        List<Submission> s = DemoScenario.submissions(m.party, PER_PARTY, 1);
        for (Submission x : s) {
          TwoNodeEndToEndTest.submit(m, x);
        }
        for (int i = s.size(); i < PER_PARTY; i++) {
          HttpResponse<String> r = Cluster.post(m, "/api/v1/messages", Cluster.exercise(m.party + "-x" + i, i), m.operator);
          assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
      }
      await("all cosigned", Duration.ofSeconds(300), () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru));
      long total = getJson(us, "/api/v1/log").path("size").asLong() + getJson(ru, "/api/v1/log").path("size").asLong();
      StringBuilder out = new StringBuilder(String.format("dashboard load with %d messages on the US node (%d US + RU entries; loaded in %.0f s)%n",
          total, total, (System.nanoTime() - t0) / 1e9));
      out.append(String.format("%-58s %8s %8s%n", "API call (server time + transfer, Java client)", "median", "bytes"));
      for (String api : List.of("/api/v1/messages?limit=10000", "/api/v1/obligations", "/api/v1/history",
          "/api/v1/compliance?asOf=2020-09-01", "/api/v1/inventory?asOf=2020-09-01", "/api/v1/agreement")) {
        List<Long> ms = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 5; i++) {
          long s = System.nanoTime();
          HttpResponse<String> r = Cluster.get(us, api, us.viewer);
          ms.add((System.nanoTime() - s) / 1_000_000);
          bytes = r.body().length();
        }
        Collections.sort(ms);
        out.append(String.format("%-58s %6d ms %8d%n", api, ms.get(2), bytes));
      }
      try (Browser b = new Browser()) {
        String base = "http://127.0.0.1:" + us.apiPort + "/";
        b.get(base);
        b.await(By.id("token")).sendKeys(us.operator);
        b.driver.findElement(By.id("signin-button")).click();
        b.awaitPage("overview");
        String[][] pages = {{"overview", "overview"}, {"overview?asOf=2020-09-01", "overview"}, {"messages", "messages"},
            {"messages?direction=in", "messages"}, {"message/RU/500", "message"}, {"compose", "compose"},
            {"inventory?asOf=2020-09-01", "inventory"}, {"inventory?asOf=2020-09-01&party=US&facility=US-MINOT-ICBM", "inventory"},
            {"obligations", "obligations"}, {"log", "log"}};
        out.append(String.format("%-58s %8s %8s %6s%n", "page", "median", "max", "rows"));
        for (String[] p : pages) {
          List<Long> ms = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            b.get("about:blank");
            b.get(base + "#/" + p[0]);
            b.awaitPage(p[1]);
            ms.add(Long.parseLong(b.driver.findElement(By.cssSelector("section.page")).getAttribute("data-ready-at")));
          }
          Collections.sort(ms);
          int rows = b.driver.findElements(By.cssSelector("table.data tbody tr")).size();
          out.append(String.format("%-58s %6d ms %5d ms %6d%n", "#/" + p[0], ms.get(2), ms.get(4), rows));
        }
      }
      System.out.print(out);
      Files.writeString(Path.of("target", "dashboard-load.txt"), out.toString());
    }
  }
}
