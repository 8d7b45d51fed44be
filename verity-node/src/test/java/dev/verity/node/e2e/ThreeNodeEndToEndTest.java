package dev.verity.node.e2e;

import static dev.verity.node.e2e.Cluster.await;
import static dev.verity.node.e2e.Cluster.getJson;
import static dev.verity.node.e2e.Cluster.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.cli.demo.DemoScenario.Submission;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.e2e.Cluster.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;


/**
 * Three node processes under the (hypothetical) trilateral agreement: each Party's messages
 * reach both others, are cosigned by both, and all three nodes report the same figures.
 */
class ThreeNodeEndToEndTest {
  @TempDir Path root;

  @Test
  @Timeout(300)
  void threePartiesSeeTheSame() throws Exception {
    try (Cluster c = new Cluster(root)) {
      // the (invented) agreement enters into force in 2027: exercise nodes replay the 2020 scenario
      // seven years on, after everything it reports happened
      String[] clock = {"--exercise", "--exercise-start", "2027-09-02T00:00:00Z"};
      Member us = c.init("trilateral-hypothetical", "US", clock);
      Member ru = c.init("trilateral-hypothetical", "RU", clock);
      Member cn = c.init("trilateral-hypothetical", "CN", clock);
      c.pinAll();
      c.startAll();
      for (Member m : List.of(us, ru)) {
        for (Submission s : DemoScenario.submissions(m.party, 5, 1)) {
          ObjectNode body = sevenYearsOn(s.body());
          if (s.type().equals("declaration")) {
            ((ObjectNode) body.get("message")).put("agreement", "trilateral-hypothetical");
          }
          assertThat(post(m, "/api/v1/messages", body.toString(), m.operator).statusCode())
              .as(body.toString()).isEqualTo(201);
        }
      }
      assertThat(post(cn, "/api/v1/messages", "{\"clientId\":\"cn-d\",\"type\":\"declaration\","
          + "\"message\":{\"asOf\":\"2027-03-01\",\"facilities\":[],\"items\":[]}}", cn.operator)
          .statusCode()).isEqualTo(201);
      for (int i = 0; i < 5; i++) {
        ObjectNode exercise = (ObjectNode) Cluster.JSON.readTree(Cluster.exercise("cn-" + i, i));
        String ex = sevenYearsOn(exercise).toString();
        assertThat(post(cn, "/api/v1/messages", ex, cn.operator).statusCode()).isEqualTo(201);
      }
      await("all cosigned by both peers", Duration.ofSeconds(90),
          () -> Cluster.allCosigned(us) && Cluster.allCosigned(ru) && Cluster.allCosigned(cn));
      for (Member m : List.of(us, ru, cn)) {
        assertThat(getJson(m, "/api/v1/log").path("peers")).hasSize(2);
        assertThat(getJson(m, "/api/v1/messages?direction=in&limit=1000").path("messages").size())
            .isEqualTo(c.members().stream().filter(o -> o != m).mapToLong(o -> {
              try {
                return getJson(o, "/api/v1/log").path("size").asLong();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            }).sum());
      }
      for (String q : List.of("/api/v1/compliance?asOf=2027-09-01",
          "/api/v1/inventory?asOf=2027-09-01")) {
        assertThat(getJson(us, q)).as(q).isEqualTo(getJson(ru, q)).isEqualTo(getJson(cn, q));
      }
      assertThat(getJson(us, "/api/v1/inventory?asOf=2027-09-01").path("parties").size())
          .isEqualTo(3);
    }
  }

  /** A submission with its dates seven years later (as of, event time): 2020 becomes 2027. */
  static ObjectNode sevenYearsOn(ObjectNode body) {
    ObjectNode m = (ObjectNode) body.get("message");
    if (m.hasNonNull("asOf")) {
      m.put("asOf", LocalDate.parse(m.get("asOf").asText()).plusYears(7).toString());
    }
    if (m.hasNonNull("eventTime")) {
      m.put("eventTime", Instant.parse(m.get("eventTime").asText())
          .atOffset(ZoneOffset.UTC).plusYears(7).toInstant().toString());
    }
    return body;
  }
}
