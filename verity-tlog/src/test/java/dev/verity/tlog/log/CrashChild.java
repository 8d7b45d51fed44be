package dev.verity.tlog.log;

import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TestCheckpoints;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link CrashSafetyTest} kills: appends from several threads to the log in
 * {@code args[0]} and prints {@code "<index> <entry>."} for each append only after it returned,
 * i.e. once the log acknowledged it as durable. Entries name the round, writer and sequence
 * number, so their content can be checked after the crash.
 */
public final class CrashChild {
  private static final OutputStream OUT = new FileOutputStream(FileDescriptor.out);

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String round = args[1];
    int threads = Integer.parseInt(args[2]);
    LogWriter log = LogWriter.builder(LogStorage.directory(dir))
        .signer(TestCheckpoints.unsignedSigner()).reader(TestCheckpoints.unsignedReader())
        .open();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        try {
          for (long seq = 0; ; seq++) {
            String entry = CrashSafetyTest.entry(round, id, seq);
            long index = log.append(entry.getBytes(StandardCharsets.UTF_8));
            acknowledge(index + " " + entry + ".\n");
          }
        } catch (IOException e) {
          e.printStackTrace();
          System.exit(3);
        }
      });
      th.start();
    }
    Thread.sleep(Long.MAX_VALUE); // until killed
  }

  private static synchronized void acknowledge(String line) throws IOException {
    OUT.write(line.getBytes(StandardCharsets.UTF_8));
    OUT.flush();
  }
}
