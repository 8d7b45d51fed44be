package dev.verity.tlog.storage;

import dev.verity.tlog.tiles.TilePath;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * A log in a directory, laid out exactly as C2SP tlog-tiles names its resources.
 *
 * <p>Crash safety. A file is never written in place: its bytes go to a temporary file in the
 * same directory, which is fsynced and then renamed over the target (rename is atomic on POSIX
 * file systems, so a reader sees the old or the new file, never a torn one); then the directory
 * is fsynced so the rename itself survives a power loss. {@link #publish} does this for all
 * tiles and bundles of a step in one pass — write all, fsync all, rename all, fsync each
 * directory once — and only then for the checkpoint. So the checkpoint never refers to data
 * that is not on disk, and a crash at any moment leaves the previous checkpoint in force.
 */
final class FileLogStorage implements LogStorage {
  private static final String CHECKPOINT = "checkpoint";
  private static final String LOCK = ".lock";
  private static final AtomicLong TEMP_COUNTER = new AtomicLong();
  // A partial version's file name: a canonical width 1-255 (C2SP tlog-tiles "<W>" in ".p/<W>").
  private static final Pattern WIDTH_NAME =
      Pattern.compile("[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5]");

  private final Path root;
  private FileChannel lockChannel;
  private FileLock lock;

  FileLogStorage(Path root) throws IOException {
    this.root = root.toAbsolutePath();
    Files.createDirectories(this.root);
  }

  @Override
  public Optional<byte[]> readCheckpoint() throws IOException {
    return readFile(root.resolve(CHECKPOINT));
  }

  @Override
  public Optional<byte[]> read(TilePath path) throws IOException {
    return readFile(resolve(path));
  }

  private static Optional<byte[]> readFile(Path p) throws IOException {
    try {
      return Optional.of(Files.readAllBytes(p));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private Path resolve(TilePath path) {
    return root.resolve(path.path());
  }

  @Override
  public SortedSet<Integer> partialWidths(TilePath tile) throws IOException {
    Path dir = root.resolve(tile.withWidth(TilePath.WIDTH).path() + ".p");
    SortedSet<Integer> widths = new TreeSet<>();
    if (!Files.isDirectory(dir)) {
      return widths; // the common case: cheaper than the exception below
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        // Only canonical widths count; temporary files start with '.' and are skipped.
        if (WIDTH_NAME.matcher(name).matches()) {
          widths.add(Integer.parseInt(name));
        }
      }
    } catch (NoSuchFileException e) {
      // no partial versions
    }
    return widths;
  }

  @Override
  public void delete(TilePath path) throws IOException {
    Path p = resolve(path);
    if (Files.deleteIfExists(p)) {
      fsyncDirectory(p.getParent());
    }
  }

  @Override
  public void publish(Publication publication) throws IOException {
    Set<Path> dirtyDirs = new LinkedHashSet<>();
    List<Path[]> renames = new ArrayList<>();
    for (Map.Entry<TilePath, byte[]> f : publication.files().entrySet()) {
      Path target = resolve(f.getKey());
      createDirectories(target.getParent(), dirtyDirs);
      renames.add(new Path[] {writeTemp(target, f.getValue()), target});
    }
    for (Path[] r : renames) {
      Files.move(r[0], r[1], StandardCopyOption.ATOMIC_MOVE);
      dirtyDirs.add(r[1].getParent());
    }
    for (Path d : dirtyDirs) {
      fsyncDirectory(d);
    }
    // C2SP tlog-tiles clients fetch the checkpoint first and trust it to cover stored tiles:
    // it is replaced only once everything it commits to is durable.
    Path checkpoint = root.resolve(CHECKPOINT);
    Files.move(writeTemp(checkpoint, publication.checkpoint()), checkpoint,
        StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(root);
  }

  /** Writes and fsyncs a temporary file beside {@code target}; returns its path. */
  private static Path writeTemp(Path target, byte[] data) throws IOException {
    Path tmp = target.resolveSibling(
        "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
            + TEMP_COUNTER.incrementAndGet());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    return tmp;
  }

  /** Creates missing directories; each new one's parent must be fsynced too. */
  private void createDirectories(Path dir, Set<Path> dirtyDirs) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    createDirectories(dir.getParent(), dirtyDirs);
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      // created concurrently; fine
    }
    dirtyDirs.add(dir.getParent());
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public synchronized void lockForWriting() throws IOException {
    if (lock != null) {
      throw new IOException("log " + root + " is already open for writing");
    }
    FileChannel ch = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    }
    if (l == null) {
      ch.close();
      throw new IOException("log " + root + " is open for writing by another writer");
    }
    lockChannel = ch;
    lock = l;
  }

  @Override
  public synchronized void close() throws IOException {
    if (lockChannel != null) {
      lockChannel.close(); // releases the lock
      lockChannel = null;
      lock = null;
    }
  }

  @Override
  public String toString() {
    return "LogStorage(" + root + ")";
  }
}
