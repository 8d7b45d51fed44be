package dev.verity.node.cli.tlog;

import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.audit.LogAuditor;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.storage.CheckpointSigner;
import dev.verity.tlog.storage.LogStorage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A tlog-tiles log in a directory, as the {@code verity tlog} verbs use it: append, audit
 * (fsck), prove. The origin and keys live in the {@link CheckpointSigner} and
 * {@link CheckpointReader} (signed-note checkpoints).
 */
public final class LogDirectory {
  private LogDirectory() {}

  /** Opens the log for appending (created if missing; recovered after a crash). */
  public static LogWriter openForAppend(Path dir, CheckpointSigner signer,
      CheckpointReader reader) throws IOException {
    return LogWriter.builder(LogStorage.directory(dir)).signer(signer).reader(reader).open();
  }

  /** Verifies the whole log: checkpoint, every bundle and tile, the root. */
  public static AuditReport audit(Path dir, CheckpointReader reader) throws IOException {
    return LogAuditor.audit(LogStorage.directory(dir), reader);
  }

  /** Opens the log read-only at its current checkpoint, for entries and proofs. */
  public static LogReader read(Path dir, CheckpointReader reader) throws IOException {
    return LogReader.open(LogStorage.directory(dir), reader);
  }

  /** The inclusion proof of entry {@code index} in the tree of {@code size} (≤ the log's). */
  public static InclusionProof prove(Path dir, CheckpointReader reader, long index, long size)
      throws IOException {
    return read(dir, reader).inclusionProof(index, size);
  }
}
