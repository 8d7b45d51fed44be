package dev.verity.tlog.witness;

import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.checkpoint.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * {@link WitnessState} in a directory: one file per origin, named by the SHA-256 of the origin
 * (origins are free text), holding the checkpoint body. An update writes a temporary file,
 * fsyncs it, renames it over the old one atomically and fsyncs the directory, all under a lock
 * (in-process and an OS file lock, so two witness processes cannot interleave) — so a crash
 * leaves either the old or the new checkpoint, and an answer is only sent once the new one is
 * durable.
 */
final class FileWitnessState implements WitnessState {
  private static final String SUFFIX = ".checkpoint";
  // One in-process lock per directory: an OS file lock is held per JVM, so two instances on one
  // directory in the same JVM must also exclude each other here (else OverlappingFileLock).
  private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final Object lock;

  private FileWitnessState(Path dir) {
    this.dir = dir;
    this.lock = LOCKS.computeIfAbsent(dir, d -> new Object());
  }

  static FileWitnessState open(Path dir) throws WitnessException {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      return new FileWitnessState(dir.toRealPath());
    } catch (IOException e) {
      throw new WitnessException("cannot create witness state directory " + dir + ": " + e, e);
    }
  }

  @Override
  public Optional<Checkpoint> latest(String origin) throws WitnessException {
    Objects.requireNonNull(origin, "origin");
    Path f = fileOf(origin);
    String body;
    try {
      body = Files.readString(f, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new WitnessException("cannot read witness state " + f + ": " + e, e);
    }
    try {
      Checkpoint c = Checkpoint.parse(body);
      if (!c.origin().equals(origin)) {
        throw new WitnessException("witness state " + f + " holds origin " + c.origin());
      }
      return Optional.of(c);
    } catch (CheckpointException e) {
      throw new WitnessException("witness state " + f + " is corrupt: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean compareAndSwap(Checkpoint expected, Checkpoint next) throws WitnessException {
    Objects.requireNonNull(next, "next");
    if (expected != null && !expected.origin().equals(next.origin())) {
      throw new IllegalArgumentException("expected and next have different origins");
    }
    synchronized (lock) {
      try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lockFile.lock()) {
        assert held.isValid();
        Optional<Checkpoint> current = latest(next.origin());
        if (!Objects.equals(current.orElse(null), expected)) {
          return false;
        }
        write(fileOf(next.origin()), next.format().getBytes(StandardCharsets.UTF_8));
        return true;
      } catch (IOException e) {
        throw new WitnessException("cannot write witness state: " + e, e);
      }
    }
  }

  private void write(Path target, byte[] bytes) throws IOException {
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically: " + dir, e);
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true); // make the rename itself durable (POSIX: fsync the directory)
    }
  }

  private Path fileOf(String origin) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(origin.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h) + SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
