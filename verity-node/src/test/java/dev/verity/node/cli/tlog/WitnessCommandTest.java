package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.VerityCommand;
import dev.verity.node.testing.Cli;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.witness.AddCheckpointRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WitnessCommandTest {
  @Test
  void serveCosignsOverHttpAndPersists(@TempDir Path dir) throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(Cli.run("key", "generate", "--name", "example.com/log", "--out",
        keys.toString()).exit()).isZero();
    assertThat(Cli.run("key", "generate", "--name", "w.example", "--type", "cosignature",
        "--out", keys.toString()).exit()).isZero();

    CommandLine cl = VerityCommand.newCommandLine();
    StringWriter out = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(new StringWriter(), true));
    WitnessCommand.Serve serve = cl.getSubcommands().get("witness").getSubcommands()
        .get("serve").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(
        "witness", "serve", "--port", "0", "--state", dir.resolve("state").toString(),
        "--key", keys.resolve("w.example.skey").toString(),
        "--log-key", keys.resolve("example.com_log.vkey").toString()));
    URI url = null;
    for (int i = 0; i < 200 && url == null; i++) {
      String o = out.toString();
      if (o.startsWith("http://")) {
        url = URI.create(o.substring(0, o.indexOf('\n')));
      } else {
        Thread.sleep(50);
      }
    }
    assertThat(url).isNotNull();
    assertThat(url.getHost()).isEqualTo("127.0.0.1");
    try {
      String skey = Files.readString(keys.resolve("example.com_log.skey")).strip();
      Checkpoint cp = new Checkpoint("example.com/log", 1, MerkleHash.leaf(new byte[] {1}));
      String note = SignedCheckpoint.sign(cp, skey);
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(url.resolve("add-checkpoint")).POST(
              HttpRequest.BodyPublishers.ofString(
                  new AddCheckpointRequest(0, List.of(), note).format())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      var wv = CosignatureV1.parseVerifier(
          Files.readString(keys.resolve("w.example.vkey")).strip());
      assertThat(SignedNote.parse(note + r.body()).verify(NoteVerifiers.of(wv))
          .verifiedNames()).containsExactly("w.example");
    } finally {
      serve.stop.countDown();
    }
    assertThat(exit.get()).isZero();
    try (var files = Files.list(dir.resolve("state"))) {
      assertThat(files.filter(p -> p.toString().endsWith(".checkpoint"))).hasSize(1);
    }
  }
}
