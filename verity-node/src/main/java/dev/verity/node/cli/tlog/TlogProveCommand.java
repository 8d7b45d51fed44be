package dev.verity.node.cli.tlog;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.CheckpointException;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.merkle.TreeProofs;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.proof.TlogProof;
import dev.verity.tlog.storage.InvalidCheckpointException;
import dev.verity.tlog.storage.LogStorage;
import dev.verity.tlog.storage.TreeHead;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity tlog prove --log DIR --index N [--size S]}: a C2SP tlog-proof. */
@Command(name = "prove", mixinStandardHelpOptions = true,
    description = {"Prints a C2SP tlog-proof (an offline inclusion proof with its signed "
        + "checkpoint) for entry N of a log.",
        "By default the proof is against the log's current checkpoint. --size S proves "
            + "inclusion in the tree of size S, which needs a checkpoint of that size: the "
            + "log's own key (--sign-key) signs one."})
final class TlogProveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--log", required = true, paramLabel = "DIR", description = "log directory")
  Path log;

  @Option(names = "--index", required = true, paramLabel = "N", description = "entry index")
  long index;

  @Option(names = "--size", paramLabel = "S", description = "tree size (default: current)")
  Long size;

  @Option(names = "--sign-key", paramLabel = "SKEY",
      description = "the log's signer key, to sign a checkpoint for --size")
  String signKey;

  @Override
  public Integer call() throws Exception {
    String checkpointText = Files.readString(log.resolve("checkpoint"), StandardCharsets.UTF_8);
    // The proof's reader does not judge the signature: whoever verifies the proof does.
    LogReader reader = LogReader.open(LogStorage.directory(log), ProveCheckpoints::unverified);
    long current = reader.treeHead().size();
    long s = size == null ? current : size;
    if (index < 0 || index >= s || s > current) {
      throw new IllegalArgumentException("need 0 <= index < size <= " + current + " (the log's "
          + "size); got index " + index + ", size " + s);
    }
    String cp = s == current ? checkpointText : signedAt(checkpointText, s, reader);
    TlogProof proof = TlogProof.of(reader.inclusionProof(index, s), cp);
    spec.commandLine().getOut().print(proof.format());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private String signedAt(String current, long s, LogReader reader) throws Exception {
    if (signKey == null) {
      throw new IllegalArgumentException("the log's checkpoint is at size "
          + reader.treeHead().size() + "; a proof at size " + s
          + " needs a checkpoint of that size: pass --sign-key with the log's signer key");
    }
    String origin = ProveCheckpoints.parse(current).origin();
    Checkpoint c = new Checkpoint(origin, s, TreeProofs.root(reader.hashReader(), s));
    return SignedCheckpoint.sign(c, CliIo.key(signKey));
  }

  /** Reads the checkpoint body without judging its signatures. */
  static final class ProveCheckpoints {
    private ProveCheckpoints() {}

    static TreeHead unverified(byte[] file) throws InvalidCheckpointException {
      try {
        Checkpoint c = parse(new String(file, StandardCharsets.UTF_8));
        return new TreeHead(c.size(), c.rootHash());
      } catch (CheckpointException e) {
        throw new InvalidCheckpointException(e.getMessage(), e);
      }
    }

    static Checkpoint parse(String note) throws CheckpointException {
      try {
        return Checkpoint.parse(SignedNote.parse(note).text());
      } catch (NoteException e) {
        throw new CheckpointException("checkpoint note: " + e.getMessage(), e);
      }
    }
  }
}
