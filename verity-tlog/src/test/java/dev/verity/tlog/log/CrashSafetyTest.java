package dev.verity.tlog.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TestCheckpoints;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with real processes: a child JVM appends concurrently and prints each index once
 * its append returned; it is killed with SIGKILL at random moments, many times. After each kill
 * the log is reopened (recovery), audited (must be clean), every acknowledged entry of every
 * round must be present with its content, and appends continue from the recovered state.
 */
class CrashSafetyTest {
  private static final int ROUNDS = 20;
  private static final Pattern ACK = Pattern.compile("(\\d+) (r\\d+-w\\d+-\\d+-x*)\\.");

  @TempDir Path tmp;

  /** A self-describing entry; its length varies with the sequence number. */
  static String entry(String round, int writer, long seq) {
    return "r" + round + "-w" + writer + "-" + seq + "-" + "x".repeat((int) (seq % 50));
  }

  @Test
  void acknowledgedAppendsSurviveKillNine() throws Exception {
    Path dir = tmp.resolve("log");
    Random rnd = new Random();
    Map<Long, String> acknowledged = new TreeMap<>();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    List<Integer> perRound = new ArrayList<>();
    LogWriter.builder(LogStorage.directory(dir)).signer(TestCheckpoints.unsignedSigner())
        .reader(TestCheckpoints.unsignedReader()).open().close(); // the log exists from here on
    for (int round = 0; round < ROUNDS; round++) {
      Process child = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
          "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
          dir.toString(), Integer.toString(round), "4")
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      List<String> lines = new ArrayList<>();
      Thread collector = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = r.readLine()) != null; ) {
            synchronized (lines) {
              lines.add(l);
            }
          }
        } catch (java.io.IOException e) {
          // the pipe breaks when the child dies
        }
      });
      collector.start();
      if (round % 4 == 0) {
        Thread.sleep(100 + rnd.nextInt(700)); // anywhere, even during start-up and recovery
      } else {
        waitForFirstAck(lines, 5000); // mostly in the middle of appending
        Thread.sleep(rnd.nextInt(400));
      }
      child.destroyForcibly(); // SIGKILL
      child.waitFor();
      collector.join();
      assertThat(child.exitValue()).as("child exit (3 = append failed)").isNotEqualTo(3);

      int before = acknowledged.size();
      for (String l : lines) {
        Matcher m = ACK.matcher(l);
        if (m.matches()) { // a line cut short by the kill was never fully acknowledged
          String prev = acknowledged.put(Long.parseLong(m.group(1)), m.group(2));
          assertThat(prev).as("index %s acknowledged twice", m.group(1)).isNull();
        }
      }
      perRound.add(acknowledged.size() - before);
      verify(dir, acknowledged);
      // appends continue from the recovered state
      try (LogWriter w = LogWriter.builder(LogStorage.directory(dir))
          .signer(TestCheckpoints.unsignedSigner()).reader(TestCheckpoints.unsignedReader())
          .open()) {
        String e = "parent-" + round;
        acknowledged.put(w.append(e.getBytes(StandardCharsets.UTF_8)), e);
      }
    }
    verify(dir, acknowledged);
    System.out.printf("crash safety: %d kills in %.1f s; acknowledged per round %s%n", ROUNDS,
        (System.nanoTime() - start) / 1e9, perRound);
    assertThat(acknowledged.size()).isGreaterThan(ROUNDS * 2);
  }

  private static void waitForFirstAck(List<String> lines, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline) {
      synchronized (lines) {
        if (!lines.isEmpty()) {
          return;
        }
      }
      Thread.sleep(5);
    }
  }

  private static void verify(Path dir, Map<Long, String> acknowledged) throws Exception {
    LogStorage s = LogStorage.directory(dir);
    AuditReport report = LogAuditor.audit(s, TestCheckpoints.unsignedReader());
    assertThat(report.problems()).isEmpty();
    long size = report.treeHead().orElseThrow().size();
    List<byte[]> all = LogReader.open(s, TestCheckpoints.unsignedReader()).entries(0, size);
    for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
      assertThat(e.getKey()).as("acknowledged index").isLessThan(size);
      assertThat(new String(all.get((int) (long) e.getKey()), StandardCharsets.UTF_8))
          .as("entry %d", e.getKey()).isEqualTo(e.getValue());
    }
  }
}
