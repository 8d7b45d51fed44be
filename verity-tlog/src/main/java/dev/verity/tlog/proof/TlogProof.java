package dev.verity.tlog.proof;

import dev.verity.tlog.checkpoint.CheckpointException;
import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.internal.Decimal;
import dev.verity.tlog.internal.StdBase64;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.note.NoteVerifiers;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An offline inclusion proof (C2SP tlog-proof): header {@code c2sp.org/tlog-proof@v1}, an
 * optional {@code extra <base64>} line (opaque and unauthenticated), {@code index <n>}, the
 * inclusion proof hashes (one base64 SHA-256 per line, leaf's sibling first), an empty line,
 * then the signed checkpoint verbatim (with any cosignatures).
 */
public record TlogProof(Optional<byte[]> extra, long index, List<Hash> path, String checkpoint) {
  /** C2SP tlog-proof: the first line. */
  public static final String HEADER = "c2sp.org/tlog-proof@v1";
  /** An inclusion proof in a tree of at most 2^63 leaves has at most 63 hashes. */
  public static final int MAX_PATH = 63;

  public TlogProof {
    Objects.requireNonNull(extra, "extra");
    extra = extra.map(byte[]::clone);
    path = List.copyOf(path);
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0");
    }
    if (path.size() > MAX_PATH) {
      throw new IllegalArgumentException("at most " + MAX_PATH + " proof hashes");
    }
    if (checkpoint.isEmpty()) {
      throw new IllegalArgumentException("checkpoint is empty");
    }
  }

  /** A proof without extra data. */
  public static TlogProof of(InclusionProof inclusion, String signedCheckpoint) {
    return new TlogProof(Optional.empty(), inclusion.index(), inclusion.path(),
        signedCheckpoint);
  }

  @Override
  public Optional<byte[]> extra() {
    return extra.map(byte[]::clone);
  }

  /** Parses a proof from its UTF-8 bytes. */
  public static TlogProof parse(byte[] proof) throws TlogProofException {
    Objects.requireNonNull(proof, "proof");
    try {
      return parse(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(proof)).toString());
    } catch (CharacterCodingException e) {
      throw new TlogProofException("tlog-proof is not valid UTF-8");
    }
  }

  /** Parses a proof. */
  public static TlogProof parse(String proof) throws TlogProofException {
    Objects.requireNonNull(proof, "proof");
    Lines lines = new Lines(proof);
    if (!HEADER.equals(lines.next())) {
      throw new TlogProofException("tlog-proof must start with " + HEADER);
    }
    String line = lines.next();
    Optional<byte[]> extra = Optional.empty();
    if (line != null && line.startsWith("extra ")) {
      byte[] e = StdBase64.decodeOrNull(line.substring(6));
      if (e == null) {
        throw new TlogProofException("tlog-proof extra data is not base64");
      }
      extra = Optional.of(e);
      line = lines.next();
    }
    if (line == null || !line.startsWith("index ")) {
      throw new TlogProofException("tlog-proof is missing the index line");
    }
    long index = Decimal.parseOrMinusOne(line.substring(6));
    if (index < 0) {
      throw new TlogProofException("tlog-proof index must be a decimal without leading zeros");
    }
    List<Hash> path = new ArrayList<>();
    while (true) {
      line = lines.next();
      if (line == null) {
        throw new TlogProofException("tlog-proof has no empty line before the checkpoint");
      }
      if (line.isEmpty()) {
        break;
      }
      if (path.size() == MAX_PATH) {
        throw new TlogProofException("tlog-proof has more than " + MAX_PATH + " hashes");
      }
      byte[] h = StdBase64.decodeOrNull(line);
      if (h == null || h.length != Hash.SIZE) {
        throw new TlogProofException("tlog-proof hash is not base64 of 32 bytes");
      }
      path.add(Hash.of(h));
    }
    String checkpoint = lines.rest();
    if (checkpoint.isEmpty()) {
      throw new TlogProofException("tlog-proof has no checkpoint");
    }
    return new TlogProof(extra, index, path, checkpoint);
  }

  /** The proof text. */
  public String format() {
    StringBuilder sb = new StringBuilder(checkpoint.length() + 50 * (path.size() + 3));
    sb.append(HEADER).append('\n');
    extra.ifPresent(e -> sb.append("extra ").append(StdBase64.encode(e)).append('\n'));
    sb.append("index ").append(index).append('\n');
    for (Hash h : path) {
      sb.append(h.base64()).append('\n');
    }
    sb.append('\n').append(checkpoint);
    return sb.toString();
  }

  /**
   * Verifies the proof for the entry whose RFC 9162 leaf hash is {@code leafHash}: the
   * checkpoint must verify against {@code verifiers} with origin {@code origin}, and the
   * inclusion proof must lead from the leaf to its root. Returns the verified checkpoint.
   */
  public SignedCheckpoint verify(Hash leafHash, String origin, NoteVerifiers verifiers)
      throws TlogProofException {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(origin, "origin");
    SignedCheckpoint sc;
    try {
      sc = SignedCheckpoint.open(checkpoint, origin, verifiers);
    } catch (CheckpointException e) {
      throw new TlogProofException("tlog-proof checkpoint: " + e.getMessage(), e);
    }
    try {
      new InclusionProof(index, sc.checkpoint().size(), path)
          .verify(leafHash, sc.checkpoint().rootHash());
    } catch (ProofException e) {
      throw new TlogProofException("tlog-proof inclusion proof: " + e.getMessage(), e);
    }
    return sc;
  }

  /** As {@link #verify(Hash, String, NoteVerifiers)} for the entry bytes themselves. */
  public SignedCheckpoint verifyEntry(byte[] entry, String origin, NoteVerifiers verifiers)
      throws TlogProofException {
    return verify(MerkleHash.leaf(entry), origin, verifiers);
  }

  @Override
  public String toString() {
    return format();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlogProof p && p.format().equals(format());
  }

  @Override
  public int hashCode() {
    return format().hashCode();
  }

  private static final class Lines {
    private final String s;
    private int pos;

    Lines(String s) {
      this.s = s;
    }

    String next() {
      int nl = s.indexOf('\n', pos);
      if (nl < 0) {
        return null;
      }
      String line = s.substring(pos, nl);
      pos = nl + 1;
      return line;
    }

    String rest() {
      return s.substring(pos);
    }
  }
}
