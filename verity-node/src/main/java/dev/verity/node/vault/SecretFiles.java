package dev.verity.node.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files only their owner may read: a folder of mode 0700, files of mode 0600, replaced whole and
 * durably (written beside, fsynced, renamed over, the folder fsynced), so a crash leaves the
 * old file or the new one, never half of either.
 */
final class SecretFiles {
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");

  private SecretFiles() {}

  /** Creates {@code dir} with mode 0700, or checks that it exists with no access for others. */
  static void privateDirectory(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      Files.createDirectories(dir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    requireOwnerOnly(dir);
  }

  /** Throws when group or others have any access to {@code p}. */
  static void requireOwnerOnly(Path p) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
    for (PosixFilePermission x : perms) {
      if (x.name().startsWith("GROUP") || x.name().startsWith("OTHERS")) {
        throw new AccessDeniedException(p.toString(), null, "mode "
            + PosixFilePermissions.toString(perms) + " lets others in; only the owner may"
            + " have access (chmod " + (Files.isDirectory(p) ? "700" : "600") + ")");
      }
    }
  }

  /** Replaces {@code file} with {@code data}, mode 0600, durably. */
  static void replace(Path file, byte[] data) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(data);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(),
        StandardOpenOption.READ)) {
      dir.force(true);
    }
  }
}
