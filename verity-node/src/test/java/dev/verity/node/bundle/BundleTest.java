package dev.verity.node.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.cli.VerityCommand;
import dev.verity.node.cli.demo.DemoScenario;
import dev.verity.node.runtime.Node;
import dev.verity.node.store.SqliteNodeStore;
import dev.verity.node.submit.SubmitRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Air-gap bundles: exported, imported like online delivery, and refused when altered. */
class BundleTest {
  @TempDir Path root;

  static String cli(int expect, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    assertThat(cl.execute(args)).as(err.toString()).isEqualTo(expect);
    return out + err.toString();
  }

  @Test
  void aBundleCarriesEntriesAcrossTheGapAndAnAlteredOneIsRefused() throws Exception {
    Path us = root.resolve("US");
    Path ru = root.resolve("RU");
    cli(0, "node", "init", "--party", "US", "--agreement", "new-start", "--dir", us.toString(), "--api-port", "0", "--peer-port", "0");
    cli(0, "node", "init", "--party", "RU", "--agreement", "new-start", "--dir", ru.toString(), "--api-port", "0", "--peer-port", "0");
    cli(0, "node", "peer", "add", "--dir", us.toString(), "--identity", ru.resolve("identity.json").toString(), "--url", "https://127.0.0.1:1/");
    cli(0, "node", "peer", "add", "--dir", ru.toString(), "--identity", us.resolve("identity.json").toString(), "--url", "https://127.0.0.1:1/");
    try (Node n = Node.start(us)) {
      for (var s : DemoScenario.submissions("US", 5, 1)) {
        n.submitter().submit(new SubmitRequest(s.clientId(), s.type(), s.message()), "test");
      }
    }
    Path file = root.resolve("us.bundle");
    assertThat(cli(0, "bundle", "export", "--dir", us.toString(), "--out", file.toString())).contains("8 entries");
    Path receipt = root.resolve("us.receipt");
    assertThat(cli(0, "bundle", "import", "--dir", ru.toString(), "--in", file.toString(), "--receipt-out", receipt.toString()))
        .contains("up to 8 entries").contains("\u2014 witness.verity.example/RU");
    assertThat(cli(0, "bundle", "import", "--dir", ru.toString(), "--in", file.toString())).as("again: idempotent")
        .contains("up to 8 entries");
    try (SqliteNodeStore s = SqliteNodeStore.open(ru.resolve("node.db"))) {
      assertThat(s.allMessages("US")).hasSize(8);
      assertThat(s.position("US").mirroredSize()).isEqualTo(8);
    }

    // the receipt carried back is the US node's receipt, as if RU had answered online
    assertThat(cli(0, "bundle", "receipt", "--dir", us.toString(), "--in", receipt.toString()))
        .contains("receipt of RU for the first 8 entries");
    try (SqliteNodeStore s = SqliteNodeStore.open(us.resolve("node.db"))) {
      assertThat(s.latestCosignature("US", "RU").orElseThrow().size()).isEqualTo(8);
      assertThat(s.position("RU").cosignedSize()).isEqualTo(8);
    }
    String text = Files.readString(receipt);
    int at = text.lastIndexOf("\u2014 witness.verity.example/RU ") + 35;
    Path forged = root.resolve("forged.receipt");
    Files.writeString(forged, text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1));
    assertThat(cli(1, "bundle", "receipt", "--dir", us.toString(), "--in", forged.toString())).contains("receipt refused");
    Files.writeString(forged,
        text.substring(0, text.lastIndexOf("\u2014 witness.verity.example/RU")));
    assertThat(cli(1, "bundle", "receipt", "--dir", us.toString(), "--in", forged.toString()))
        .contains("no cosignature by a pinned peer's witness key");
    assertThat(cli(1, "bundle", "receipt", "--dir", ru.toString(), "--in", receipt.toString()))
        .as("a receipt for another node's log").contains("receipt refused");

    // an altered entry: the bundle's signature no longer covers it
    Bundle b = Bundles.read(file);
    List<String> entries = new ArrayList<>(b.entries());
    entries.set(7, java.util.Base64.getEncoder().encodeToString("{\"forged\":true}".getBytes()));
    Bundle altered = new Bundle(b.format(), b.origin(), b.party(), b.from(), entries, b.consistency(), b.checkpoint(), b.note());
    Path bad = root.resolve("bad.bundle");
    Bundles.write(altered, bad);
    assertThat(cli(1, "bundle", "import", "--dir", ru.toString(), "--in", bad.toString())).contains("altered bundle");
    Files.writeString(bad, "{}");
    assertThat(cli(1, "bundle", "import", "--dir", ru.toString(), "--in", bad.toString())).contains("not a verity-bundle/v1");
    assertThatThrownBy(() -> Bundles.importBundle(us, b)).hasMessageContaining("not a pinned peer");
  }
}
