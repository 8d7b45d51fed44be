package dev.verity.node.cli.treaty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComplianceCommandTest {

  @Test
  void aggregatesOfThePublishedTableAsJson() throws Exception {
    Path csv = Cli.shared("new-start-aggregates.csv");
    Cli.Result r = Cli.run("compliance", "aggregates", csv.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    JsonNode rows = new ObjectMapper().readTree(r.out());
    assertThat(rows).hasSize(50);
    JsonNode first = rows.get(0);
    assertThat(first.get("asOf").asText()).isEqualTo("2011-02-05");
    assertThat(first.get("party").asText()).isEqualTo("US");
    JsonNode warheads = first.get("limits").get(1);
    assertThat(warheads.get("name").asText()).isEqualTo("warheads");
    assertThat(warheads.get("value").asLong()).isEqualTo(1800);
    assertThat(warheads.get("max").asLong()).isEqualTo(1550);
    assertThat(warheads.get("status").asText()).isEqualTo("not-in-force");
    for (JsonNode row : rows) {
      for (JsonNode l : row.get("limits")) {
        assertThat(l.get("status").asText()).isIn("within", "not-in-force", "unknown");
      }
    }
    JsonNode ru2023 = rows.get(49);
    assertThat(ru2023.get("limits").get(0).get("value").isNull()).isTrue();
    assertThat(ru2023.get("limits").get(0).get("status").asText()).isEqualTo("unknown");
  }

  @Test
  void aggregatesAsATable() {
    Cli.Result r = Cli.run("compliance", "aggregates", Cli.shared("new-start-aggregates.csv").toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains("2018-02-05 US    deployed_and_nondeployed_launchers        800    800       0  within");
  }

  /** From any checkout, without ../shared: the table shipped for the agreement is the default. */
  @Test
  void aggregatesDefaultToTheShippedTable() {
    Cli.Result r = Cli.run("compliance", "aggregates");
    assertThat(r.exit()).as(r.err()).isZero();
    String csv = Cli.shared("new-start-aggregates.csv").toString();
    assertThat(r.out()).isEqualTo(Cli.run("compliance", "aggregates", csv).out());
    Cli.Result none = Cli.run("compliance", "aggregates", "--agreement", "trilateral-hypothetical");
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err())
        .contains("trilateral-hypothetical ships no table of published aggregates: give FILE.csv");
  }

  @Test
  void badCsvIsOneLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "data_as_of,us_warheads\n2011-02-05,lots\n");
    Cli.Result r = Cli.run("compliance", "aggregates", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().trim()).isEqualTo("verity: " + f + ": line 2, column us_warheads: not a number: 'lots'");
    assertThat(Cli.run("compliance", "aggregates", dir.resolve("none.csv").toString()).err()).startsWith("verity: no such file");
  }

  @Test
  void checkFoldsADeclarationWithItsNotifications(@TempDir Path dir) {
    assertThat(Cli.run("scenario", "generate", "--as-of", "2019-03-01", "--out", dir.toString()).exit()).isZero();
    Cli.Result r = Cli.run("compliance", "check", dir.resolve("declarations/US-2019-03-01.json").toString(),
        "--notifications", dir.resolve("notifications").toString(), "--as-of", "2019-09-01", "--format", "json");
    assertThat(r.exit()).isZero();
    // as of the next exchange the fold equals the published figures for 1 Sep 2019
    assertThat(r.out()).contains("\"deployed_icbm_slbm_hb\" : 668", "\"warheads\" : 1376", "\"status\" : \"within\"");
  }

  @Test
  void malformedDeclarationIsOneLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("d.json");
    Files.writeString(f, "{\"party\": \"US\",\n \"asOf\": \"2020-09-01\",\n \"items\": [ {\"id\": \"x\", \"kind\": \"icbm\", \"facility\": \"F\"} \n");
    Cli.Result r = Cli.run("compliance", "check", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("verity: " + f + ": line ").contains("malformed JSON").hasLineCount(1);
  }
}
