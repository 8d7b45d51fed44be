package dev.verity.node.cli.tlog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading inputs and keys for the tlog commands. */
final class CliIo {
  private CliIo() {}

  /** The bytes of {@code file}, or of stdin when it is null or "-". */
  static byte[] readInput(Path file) throws IOException {
    if (file == null || file.toString().equals("-")) {
      InputStream in = System.in;
      return in.readAllBytes();
    }
    return Files.readAllBytes(file);
  }

  /**
   * A key given as a file path or as the key string itself: an existing file is read (first
   * non-empty line, trimmed); anything else is taken as the key.
   */
  static String key(String fileOrKey) throws IOException {
    Path p;
    try {
      p = Path.of(fileOrKey);
    } catch (RuntimeException e) {
      return fileOrKey.strip();
    }
    if (Files.isRegularFile(p)) {
      for (String line : Files.readString(p, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          return line.strip();
        }
      }
      throw new IOException("key file is empty: " + p);
    }
    if (fileOrKey.contains("+")) {
      return fileOrKey.strip();
    }
    throw new IOException("no such key file: " + fileOrKey);
  }
}
