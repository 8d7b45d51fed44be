package dev.verity.node.cli.tlog;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.audit.Problem;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity tlog fsck --log DIR --key VKEY}. */
@Command(name = "fsck", mixinStandardHelpOptions = true,
    description = {"Verifies a whole tlog-tiles log: the checkpoint's signature, every entry "
        + "bundle and every tile recomputed from the entries, and the root.",
        "Prints the size and root and exits 0, or names each file that is wrong and exits 1."})
final class TlogFsckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--log", required = true, paramLabel = "DIR", description = "log directory")
  Path log;

  @Option(names = "--key", required = true, paramLabel = "VKEY",
      description = "the log's verifier key (file or string); repeatable for key rotation")
  List<String> keys;

  @Option(names = "--origin", description = "the log's origin (default: the first key's name)")
  String origin;

  @Option(names = "--threads", defaultValue = "0",
      description = "hashing threads (default: up to 4, one per core)")
  int threads;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(log)) {
      throw new java.nio.file.NoSuchFileException(log.toString());
    }
    List<NoteVerifier> vs = new ArrayList<>();
    for (String k : keys) {
      vs.add(NoteKeys.parseVerifier(CliIo.key(k)));
    }
    String o = origin != null ? origin : vs.get(0).name();
    LogStorage storage = LogStorage.directory(log);
    CheckpointReader reader = LogCheckpoints.reader(o, NoteVerifiers.of(vs));
    return report(threads > 0 ? LogAuditor.audit(storage, reader, threads)
        : LogAuditor.audit(storage, reader));
  }

  private int report(AuditReport r) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    r.treeHead().ifPresent(h -> printHead(out, h));
    for (Problem p : r.problems()) {
      err.println("corrupt: " + p);
    }
    out.flush();
    err.flush();
    if (r.isClean()) {
      out.println("ok");
      out.flush();
      return 0;
    }
    err.println("fsck: " + r.problems().size() + " problem(s) found");
    err.flush();
    return 1;
  }

  private static void printHead(PrintWriter out, TreeHead h) {
    out.println("size " + h.size());
    out.println("root " + h.root().base64());
  }
}
