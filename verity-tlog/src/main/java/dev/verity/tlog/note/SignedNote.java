package dev.verity.tlog.note;

import static dev.verity.tlog.note.NoteException.Reason.INVALID_SIGNATURE;
import static dev.verity.tlog.note.NoteException.Reason.MALFORMED;
import static dev.verity.tlog.note.NoteException.Reason.SIGNING_FAILED;
import static dev.verity.tlog.note.NoteException.Reason.UNVERIFIED;

import dev.verity.tlog.internal.StdBase64;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A signed note (C2SP signed-note), parsed but not yet verified: the text and every signature
 * line as written. {@link #verify} checks it against trusted keys; {@link #sign} and
 * {@link #addSignatures} produce exactly the bytes Go's note.Sign produces.
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /**
   * Go's note.Open refuses more than 100 signatures to bound the work; C2SP signed-note asks to
   * accept at least 16.
   */
  public static final int MAX_SIGNATURES = 100;

  public SignedNote {
    Objects.requireNonNull(text, "text");
    signatures = List.copyOf(signatures);
    String problem = textProblem(text);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    if (signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("a signed note has 1 to " + MAX_SIGNATURES
          + " signatures, got " + signatures.size());
    }
  }

  /** Parses a signed note from its UTF-8 bytes. */
  public static SignedNote parse(byte[] note) throws NoteException {
    Objects.requireNonNull(note, "note");
    String s;
    try {
      s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(note)).toString();
    } catch (CharacterCodingException e) {
      throw new NoteException(MALFORMED, "malformed note: not valid UTF-8");
    }
    return parse(s);
  }

  /** Parses a signed note. */
  public static SignedNote parse(String note) throws NoteException {
    Objects.requireNonNull(note, "note");
    // C2SP signed-note: valid UTF-8, no ASCII control characters other than newline.
    String charProblem = charsProblem(note);
    if (charProblem != null) {
      throw new NoteException(MALFORMED, "malformed note: " + charProblem);
    }
    // C2SP signed-note: the text is separated from the signatures by the last empty line.
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new NoteException(MALFORMED, "malformed note: no blank line before signatures");
    }
    String text = note.substring(0, split + 1);
    String sigs = note.substring(split + 2);
    if (sigs.isEmpty() || !sigs.endsWith("\n")) {
      throw new NoteException(MALFORMED,
          "malformed note: signature block is empty or does not end in a newline");
    }
    List<NoteSignature> list = new ArrayList<>();
    for (int start = 0; start < sigs.length(); ) {
      int end = sigs.indexOf('\n', start);
      if (list.size() == MAX_SIGNATURES) {
        throw new NoteException(MALFORMED,
            "malformed note: more than " + MAX_SIGNATURES + " signatures");
      }
      list.add(parseLine(sigs.substring(start, end)));
      start = end + 1;
    }
    return new SignedNote(text, list);
  }

  private static NoteSignature parseLine(String line) throws NoteException {
    if (!line.startsWith(NoteSignature.PREFIX)) {
      throw new NoteException(MALFORMED,
          "malformed note: signature line must start with \"\u2014 \"");
    }
    String rest = line.substring(NoteSignature.PREFIX.length());
    int sp = rest.indexOf(' ');
    String name = sp < 0 ? rest : rest.substring(0, sp);
    String b64 = sp < 0 ? "" : rest.substring(sp + 1);
    byte[] raw = StdBase64.decodeOrNull(b64);
    if (!NoteKeys.isValidName(name) || b64.isEmpty() || raw == null || raw.length < 5) {
      throw new NoteException(MALFORMED, "malformed note: bad signature line");
    }
    return new NoteSignature(name, NoteSignature.keyIdOf(raw), b64);
  }

  /**
   * Verifies the note: every signature from a known key (name and key ID) must verify, and at
   * least one must (C2SP signed-note). Repeated signatures by one key and repeated identical
   * unknown lines are dropped, as Go's note.Open does.
   */
  public VerifiedNote verify(NoteVerifiers verifiers) throws NoteException {
    Objects.requireNonNull(verifiers, "verifiers");
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Set<String> seenUnverified = new HashSet<>();
    for (NoteSignature sig : signatures) {
      NoteVerifier v = verifiers.find(sig.name(), sig.keyId()).orElse(null);
      if (v == null) {
        if (seenUnverified.add(sig.line())) {
          unverified.add(sig);
        }
        continue;
      }
      if (!seen.add(sig.name() + "+" + NoteKeys.hex8(sig.keyId()))) {
        continue;
      }
      if (!v.verify(msg, sig.signature())) {
        throw new NoteException(INVALID_SIGNATURE, "invalid signature for key " + sig.name()
            + "+" + NoteKeys.hex8(sig.keyId()));
      }
      verified.add(sig);
    }
    if (verified.isEmpty()) {
      throw new NoteException(UNVERIFIED, "note has no verifiable signatures");
    }
    return new VerifiedNote(text, verified, unverified);
  }

  /** Parses and verifies in one step (Go's note.Open). */
  public static VerifiedNote open(String note, NoteVerifiers verifiers) throws NoteException {
    return parse(note).verify(verifiers);
  }

  /** Signs {@code text} with each signer, in order. */
  public static SignedNote sign(String text, List<? extends NoteSigner> signers)
      throws NoteException {
    return addSignatures(text, List.of(), signers);
  }

  /** Signs {@code text} with each signer, in order. */
  public static SignedNote sign(String text, NoteSigner... signers) throws NoteException {
    return sign(text, List.of(signers));
  }

  /**
   * This note with signatures from {@code signers} added after the existing ones; an existing
   * signature by the same name and key ID is replaced (Go's note.Sign).
   */
  public SignedNote addSignatures(List<? extends NoteSigner> signers) throws NoteException {
    return addSignatures(text, signatures, signers);
  }

  private static SignedNote addSignatures(String text, List<NoteSignature> existing,
      List<? extends NoteSigner> signers) throws NoteException {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(signers, "signers");
    String problem = textProblem(text);
    if (problem != null) {
      throw new NoteException(SIGNING_FAILED, "cannot sign: " + problem);
    }
    if (signers.isEmpty()) {
      throw new NoteException(SIGNING_FAILED, "cannot sign: no signers");
    }
    byte[] msg = text.getBytes(StandardCharsets.UTF_8);
    Set<String> replaced = new HashSet<>();
    List<NoteSignature> added = new ArrayList<>();
    for (NoteSigner s : signers) {
      if (!NoteKeys.isValidName(s.name())) {
        throw new NoteException(SIGNING_FAILED, "cannot sign: invalid signer name " + s.name());
      }
      replaced.add(s.name() + "+" + NoteKeys.hex8(s.keyId()));
      added.add(NoteSignature.of(s.name(), s.keyId(), s.sign(msg)));
    }
    List<NoteSignature> all = new ArrayList<>();
    for (NoteSignature sig : existing) {
      if (!replaced.contains(sig.name() + "+" + NoteKeys.hex8(sig.keyId()))) {
        all.add(sig);
      }
    }
    all.addAll(added);
    if (all.size() > MAX_SIGNATURES) {
      throw new NoteException(SIGNING_FAILED, "cannot sign: more than " + MAX_SIGNATURES
          + " signatures");
    }
    return new SignedNote(text, all);
  }

  /** The note as text: the text, a blank line, then the signature lines. */
  public String format() {
    StringBuilder sb = new StringBuilder(text.length() + 100 * signatures.size());
    sb.append(text).append('\n');
    for (NoteSignature s : signatures) {
      sb.append(s.line());
    }
    return sb.toString();
  }

  /** The note as UTF-8 bytes. */
  public byte[] toBytes() {
    return format().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return format();
  }

  /** Why {@code text} cannot be a note text, or null. */
  static String textProblem(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      return "note text must end in a newline";
    }
    return charsProblem(text);
  }

  private static String charsProblem(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 && c != '\n') {
        return String.format("control character U+%04X", (int) c);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return "not valid UTF-8 (lone surrogate)";
      }
      if (Character.isLowSurrogate(c)) {
        return "not valid UTF-8 (lone surrogate)";
      }
    }
    return null;
  }
}
