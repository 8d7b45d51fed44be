package dev.verity.node.cli.treaty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileCommandTest {

  private static Cli.Result reconcile(Path dir, String party, String from, String to, String... more) {
    String[] base = {"reconcile", "--from", dir.resolve("declarations/" + party + "-" + from + ".json").toString(),
        "--to", dir.resolve("declarations/" + party + "-" + to + ".json").toString(),
        "--notifications", dir.resolve("notifications").toString()};
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return Cli.run(all);
  }

  @Test
  void generatedFilesReconcileClean(@TempDir Path dir) {
    assertThat(Cli.run("scenario", "generate", "--as-of", "2014-09-01", "--through", "2015-09-01", "--out", dir.toString()).exit()).isZero();
    for (String p : new String[] {"US", "RU"}) {
      Cli.Result r = reconcile(dir, p, "2014-09-01", "2015-03-01");
      assertThat(r.exit()).as(r.out()).isZero();
      assertThat(r.out()).contains(": clean");
      assertThat(reconcile(dir, p, "2015-03-01", "2015-09-01").exit()).isZero();
    }
  }

  @Test
  void plantedDiscrepanciesAreReportedWithExitCode3(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("key.json");
    assertThat(Cli.run("scenario", "generate", "--as-of", "2021-03-01", "--discrepancies", "6", "--key", key.toString(),
        "--seed", "11", "--out", dir.toString()).exit()).isZero();
    String keyText = Files.readString(key);
    StringBuilder found = new StringBuilder();
    int exits = 0;
    for (String p : new String[] {"US", "RU"}) {
      Cli.Result r = reconcile(dir, p, "2021-03-01", "2021-09-01", "--format", "json");
      exits += r.exit();
      found.append(r.out());
    }
    assertThat(exits).isGreaterThanOrEqualTo(3);
    var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    for (var d : mapper.readTree(keyText)) {
      String id = d.has("item") ? "\"item\" : \"" + d.get("item").asText() + "\"" : "\"notification\" : " + d.get("notification").asText();
      assertThat(found.toString()).contains("\"kind\" : \"" + d.get("kind").asText() + "\"").contains(id);
    }
  }

  @Test
  void datesOutOfOrderIsOneLine(@TempDir Path dir) {
    Cli.run("scenario", "generate", "--as-of", "2021-03-01", "--out", dir.toString());
    Cli.Result r = reconcile(dir, "US", "2021-09-01", "2021-03-01");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("dates out of order").hasLineCount(1);
  }

  @Test
  void helpDocumentsTheExitCode() {
    assertThat(Cli.run("reconcile", "--help").out()).contains("3 discrepancies found");
  }

  @Test
  void anItemMovedAfterEliminationNamesTheFile(@TempDir Path dir) throws Exception {
    Cli.run("scenario", "generate", "--as-of", "2021-03-01", "--out", dir.toString());
    Path extra = dir.resolve("notifications/zz-bad.json");
    Files.writeString(extra, """
        [{"number": 9001, "party": "US", "type": "item-added", "eventTime": "2021-08-30T00:00:00Z",
          "newItem": {"id": "US-NEW-1", "kind": "icbm-launcher-silo", "facility": "US-WARREN"}},
         {"number": 9002, "party": "US", "type": "item-eliminated", "item": "US-NEW-1", "eventTime": "2021-08-30T01:00:00Z"},
         {"number": 9003, "party": "US", "type": "item-moved", "item": "US-NEW-1", "facility": "US-MALMSTROM",
          "eventTime": "2021-08-30T02:00:00Z", "receivedAt": "2021-08-30T03:00:00Z"}]
        """);
    Cli.Result r = reconcile(dir, "US", "2021-03-01", "2021-09-01");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("verity: " + extra + ": notification US #9003 (item-moved")
        .contains("was eliminated by notification US #9002").contains("cannot be moved after elimination").hasLineCount(1);
  }
}
