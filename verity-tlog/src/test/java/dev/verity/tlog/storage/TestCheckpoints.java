package dev.verity.tlog.storage;

import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.note.NoteException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test checkpoints: an unsigned format ({@code origin\nsize\nbase64 root\n}, parsed strictly)
 * for storage tests that are not about signatures, and the Tessera test log's real signed-note
 * checkpoints (the product's {@link LogCheckpoints}).
 */
public final class TestCheckpoints {
  public static final String ORIGIN = "verity.test/log";
  private static final Pattern BODY =
      Pattern.compile("([^\n]+)\n(0|[1-9][0-9]{0,18})\n([A-Za-z0-9+/]{43}=)\n");

  private TestCheckpoints() {}

  public static CheckpointSigner unsignedSigner() {
    return (size, root) ->
        (ORIGIN + "\n" + size + "\n" + root.base64() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public static CheckpointReader unsignedReader() {
    return file -> {
      TreeHead head = parseBody(new String(file, StandardCharsets.UTF_8), ORIGIN);
      if (!sign0(unsignedSigner(), head).equals(new String(file, StandardCharsets.UTF_8))) {
        throw new InvalidCheckpointException("not in canonical form");
      }
      return head;
    };
  }

  private static String sign0(CheckpointSigner s, TreeHead h) {
    try {
      return new String(s.sign(h.size(), h.root()), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  // shared/vectors/README.md: the Tessera test log's keys.
  private static final String TESSERA_SKEY =
      "PRIVATE+KEY+example.com/log/testdata+33d7b496+AeymY/SZAX0jZcJ8enZ5FY1Dz+wTML2yWSkK+9DSF3eg";
  private static final String TESSERA_VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  /** Signs like Tessera's test log, through the library's signed-note checkpoints. */
  public static CheckpointSigner tesseraSigner() {
    try {
      return LogCheckpoints.signer(TESSERA_SKEY);
    } catch (NoteException e) {
      throw new AssertionError(e);
    }
  }

  /** Opens the Tessera test log's checkpoints, through the library's signed-note checkpoints. */
  public static CheckpointReader tesseraReader() {
    try {
      return LogCheckpoints.reader(TESSERA_VKEY);
    } catch (NoteException e) {
      throw new AssertionError(e);
    }
  }

  private static TreeHead parseBody(String body, String origin)
      throws InvalidCheckpointException {
    Matcher m = BODY.matcher(body);
    if (!m.matches()) {
      throw new InvalidCheckpointException("malformed checkpoint body");
    }
    if (!m.group(1).equals(origin)) {
      throw new InvalidCheckpointException("origin " + m.group(1) + " is not " + origin);
    }
    try {
      return new TreeHead(Long.parseLong(m.group(2)), Hash.fromBase64(m.group(3)));
    } catch (IllegalArgumentException e) {
      throw new InvalidCheckpointException("bad size or root: " + e.getMessage());
    }
  }
}
