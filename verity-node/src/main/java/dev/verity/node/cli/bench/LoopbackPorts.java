package dev.verity.node.cli.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports on 127.0.0.1 for nodes a bench or a test starts after choosing them, taken below the
 * kernel's ephemeral range. A free port asked of the kernel ({@code new ServerSocket(0)}) comes
 * from inside that range, and may be taken before its node starts by the source port of any
 * connection opened meanwhile: between the nodes already running (hundreds at N = 57), or by the
 * browser of a UI test ("Port already in use" in a full test run). Below the range, the kernel
 * never hands a port out on its own. Each port is one nothing listens on when chosen; one
 * instance per JVM goes on from a random start, so a JVM does not choose the same port twice.
 */
public final class LoopbackPorts {
  private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  /** Linux's default start of the ephemeral range, if the file cannot be read. */
  private static final int DEFAULT_LOW = 32768;
  /** Below this, too few ports are left under the range: the kernel's choice instead. */
  private static final int ROOM = 4_000;
  private static final LoopbackPorts SHARED = new LoopbackPorts();

  private final int end;
  private int next;

  private LoopbackPorts() {
    int low = ephemeralLow();
    this.end = low > ROOM ? low : 0; // no room: every call takes the kernel's choice
    this.next = Math.max(1024, low - 12_000) + ThreadLocalRandom.current().nextInt(2_000);
  }

  /** The JVM's one instance. */
  public static LoopbackPorts shared() {
    return SHARED;
  }

  /** The next port that nothing listens on, below the ephemeral range where there is room. */
  public synchronized int next() throws IOException {
    for (; next < end; next++) {
      try (ServerSocket s = new ServerSocket(next, 1, InetAddress.getLoopbackAddress())) {
        return next++;
      } catch (IOException e) {
        // taken: try the next
      }
    }
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static int ephemeralLow() {
    try {
      // by lines: Files.readString reads one byte of this file (procfs reports its size as 0)
      return Integer.parseInt(Files.readAllLines(RANGE).get(0).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return DEFAULT_LOW;
    }
  }
}
