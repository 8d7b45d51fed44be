package dev.verity.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.node.cli.bench.LoopbackPorts;
import dev.verity.node.cli.VerityCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A node whose start fails half-way closes what it opened before the failing step: its store (and
 * the alarm book's writer thread), its log and the servers already listening (issue 12).
 */
class NodeStartFailureTest {
  @TempDir Path tmp;

  @Test
  void anOccupiedApiPortLeavesThePeerPortFreeAndTheNodeStartable() throws Exception {
    int api = LoopbackPorts.shared().next();
    int peer = LoopbackPorts.shared().next();
    Path dir = init(api, peer);
    long alarmThreads = threads("verity-alarms");
    try (ServerSocket taken = new ServerSocket(api, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> Node.start(dir)).isInstanceOf(NodeException.class)
          .hasMessageContaining("cannot start the servers");
    }
    // the peer server, started before the API failed, is closed: its port is free again
    try (ServerSocket again = new ServerSocket(peer, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(peer);
    }
    assertThat(threads("verity-alarms")).isEqualTo(alarmThreads);
    try (Node n = Node.start(dir)) { // the store and the log open again
      assertThat(n.apiPort()).isEqualTo(api);
    }
  }

  @Test
  void aLogThatCannotOpenClosesTheStoreOpenedBefore() throws Exception {
    Path dir = init(LoopbackPorts.shared().next(), LoopbackPorts.shared().next());
    Path log = dir.resolve("log");
    Path aside = dir.resolve("log.aside");
    if (Files.exists(log)) {
      Files.move(log, aside);
    }
    Files.writeString(log, "not a directory"); // the log cannot open: the store is open by then
    long alarmThreads = threads("verity-alarms");
    assertThatThrownBy(() -> Node.start(dir)).isInstanceOf(NodeException.class);
    assertThat(threads("verity-alarms")).isEqualTo(alarmThreads);
    Files.delete(log);
    if (Files.exists(aside)) {
      Files.move(aside, log);
    }
    try (Node n = Node.start(dir)) {
      assertThat(n.store().countMessages("US")).isZero();
    }
  }

  private Path init(int api, int peer) {
    Path dir = tmp.resolve("US");
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(err));
    int rc = cl.execute("node", "init", "--party", "US", "--agreement", "new-start", "--dir",
        dir.toString(), "--api-port", "" + api, "--peer-port", "" + peer);
    assertThat(rc).as("node init: %s", err).isZero();
    return dir;
  }

  private static long threads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals(name)).count();
  }
}
