package dev.verity.node.cli.tlog;

import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.tiles.EntryBundle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity tlog append --log DIR --key SKEY [FILE…]}. */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = {"Appends entries to a tlog-tiles log (created if missing) and signs a new "
        + "checkpoint. One entry per FILE, or one per line of standard input.",
        "Prints the index of each entry once it is durable, then the new checkpoint."})
final class TlogAppendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--log", required = true, paramLabel = "DIR", description = "log directory")
  Path log;

  @Option(names = "--key", required = true, paramLabel = "SKEY",
      description = "the log's signer key (file or string); its name is the log's origin")
  String key;

  @Parameters(paramLabel = "FILE", arity = "0..*", description = "entry files (default: stdin)")
  List<Path> files = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String skey = CliIo.key(key);
    List<byte[]> entries = files.isEmpty() ? stdinLines() : readFiles();
    for (byte[] e : entries) {
      EntryBundle.checkEntrySize(e.length); // refuse before anything is written
    }
    String vkey = NoteKeys.verifierKeyOf(skey);
    PrintWriter out = spec.commandLine().getOut();
    try (LogWriter w = LogDirectory.openForAppend(log, LogCheckpoints.signer(skey),
        LogCheckpoints.reader(vkey))) {
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      entries.forEach(e -> pending.add(w.appendAsync(e)));
      for (CompletableFuture<Long> f : pending) {
        out.println(f.join());
      }
    }
    out.print(Files.readString(log.resolve("checkpoint"), StandardCharsets.UTF_8));
    out.flush();
    return 0;
  }

  private List<byte[]> readFiles() throws java.io.IOException {
    List<byte[]> out = new ArrayList<>();
    for (Path f : files) {
      out.add(Files.readAllBytes(f));
    }
    return out;
  }

  private static List<byte[]> stdinLines() throws java.io.IOException {
    List<byte[]> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      out.add(line.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}
