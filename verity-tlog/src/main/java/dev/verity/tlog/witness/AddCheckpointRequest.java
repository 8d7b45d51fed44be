package dev.verity.tlog.witness;

import dev.verity.tlog.internal.Decimal;
import dev.verity.tlog.internal.StdBase64;
import dev.verity.tlog.merkle.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a tlog-witness {@code add-checkpoint} request (C2SP tlog-witness v1.0.0): the old
 * size line {@code old <size>}, up to 63 base64 consistency proof lines, an empty line, then
 * the signed checkpoint note, kept verbatim.
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, String checkpoint) {
  /** C2SP tlog-witness: the client MUST NOT send more than 63 consistency proof lines. */
  public static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    Objects.requireNonNull(checkpoint, "checkpoint");
    proof = List.copyOf(proof);
    if (oldSize < 0) {
      throw new IllegalArgumentException("old size must be >= 0");
    }
    if (proof.size() > MAX_PROOF_LINES) {
      throw new IllegalArgumentException("at most " + MAX_PROOF_LINES + " proof lines");
    }
    if (checkpoint.isEmpty()) {
      throw new IllegalArgumentException("checkpoint is empty");
    }
  }

  /** Parses a request body (UTF-8). */
  public static AddCheckpointRequest parse(byte[] body) throws WitnessException {
    Objects.requireNonNull(body, "body");
    try {
      return parse(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString());
    } catch (CharacterCodingException e) {
      throw new WitnessException("request body is not valid UTF-8");
    }
  }

  /** Parses a request body. */
  public static AddCheckpointRequest parse(String body) throws WitnessException {
    Objects.requireNonNull(body, "body");
    int nl = body.indexOf('\n');
    if (nl < 0 || !body.startsWith("old ")) {
      throw new WitnessException("request must start with an \"old <size>\" line");
    }
    long old = Decimal.parseOrMinusOne(body.substring(4, nl));
    if (old < 0) {
      throw new WitnessException("old size must be a decimal without sign or leading zeros");
    }
    List<Hash> proof = new ArrayList<>();
    int start = nl + 1;
    while (true) {
      int end = body.indexOf('\n', start);
      if (end < 0) {
        throw new WitnessException("request has no empty line before the checkpoint");
      }
      if (end == start) {
        start = end + 1;
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw new WitnessException("more than " + MAX_PROOF_LINES + " consistency proof lines");
      }
      byte[] h = StdBase64.decodeOrNull(body.substring(start, end));
      if (h == null || h.length != Hash.SIZE) {
        throw new WitnessException("consistency proof line is not base64 of 32 bytes");
      }
      proof.add(Hash.of(h));
      start = end + 1;
    }
    String checkpoint = body.substring(start);
    if (checkpoint.isEmpty()) {
      throw new WitnessException("request has no checkpoint");
    }
    return new AddCheckpointRequest(old, proof, checkpoint);
  }

  /** The request body. */
  public String format() {
    StringBuilder sb = new StringBuilder(checkpoint.length() + 50 * (proof.size() + 1));
    sb.append("old ").append(oldSize).append('\n');
    for (Hash h : proof) {
      sb.append(h.base64()).append('\n');
    }
    sb.append('\n').append(checkpoint);
    return sb.toString();
  }

  @Override
  public String toString() {
    return format();
  }
}
