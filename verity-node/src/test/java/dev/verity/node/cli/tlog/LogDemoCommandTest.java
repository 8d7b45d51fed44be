package dev.verity.node.cli.tlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.node.cli.VerityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LogDemoCommandTest {
  @Test
  void runsEndToEndAndLeavesAnAuditableLog(@TempDir Path dir) throws Exception {
    CommandLine cl = VerityCommand.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute("tlog", "demo", "--headless", "--dir", dir.toString(), "--batch", "10");
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("cosigned by verity.example/new-start/RU")
        .contains(", clean")
        .contains("c2sp.org/tlog-proof@v1")
        .containsPattern("warheads\\s+\\d+ of\\s+1550\\s+within");
    assertThat(dir.resolve("us-log/checkpoint")).exists();
    assertThat(Files.list(dir.resolve("ru-witness")).count()).isPositive();

    String vkey = out.toString().replaceAll("(?s).*--key '([^']+)'.*", "$1");
    StringWriter fsck = new StringWriter();
    CommandLine again = VerityCommand.newCommandLine();
    again.setOut(new PrintWriter(fsck, true));
    assertThat(again.execute("tlog", "fsck", "--log", dir.resolve("us-log").toString(),
        "--key", vkey)).isZero();
    assertThat(fsck.toString()).contains("ok");
  }
}
