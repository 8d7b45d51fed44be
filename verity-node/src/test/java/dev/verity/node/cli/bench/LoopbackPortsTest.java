package dev.verity.node.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Ports chosen below the ephemeral range, each free and none twice. */
class LoopbackPortsTest {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  @Test
  void portsAreFreeDistinctAndBelowTheEphemeralRange() throws Exception {
    int low = Files.isReadable(RANGE)
        ? Integer.parseInt(Files.readAllLines(RANGE).get(0).trim().split("\\s+")[0])
        : 32768;
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      int port = LoopbackPorts.shared().next();
      assertThat(seen.add(port)).as("port %d chosen twice", port).isTrue();
      if (low > 4_000) {
        assertThat(port).isBetween(1024, low - 1);
      }
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(s.getLocalPort()).isEqualTo(port); // nothing listened on it
      }
    }
  }
}
