package dev.verity.tlog.witness;

import dev.verity.tlog.Vectors;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifiers;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The torchwood-litewitness/litewitness.txt scenario: its hurl requests, each with the status
 * torchwood expects, the status C2SP tlog-witness expects, and the body assertion.
 */
final class LitewitnessScenario {
  /** The sigsum log key configured with {@code witnessctl add-sigsum-log -key=...}. */
  static final String SIGSUM_LOG_KEY_HEX =
      "ffdc2d4d98e4124d3feaf788c0c2f9abfd796083d1f0495437f302ec79cf100f";

  record Step(int index, String body, int torchwoodStatus, int specStatus, String contains,
      String equals) {}

  private LitewitnessScenario() {}

  static List<Step> steps() throws IOException {
    String s = Files.readString(Vectors.file("torchwood-litewitness/litewitness.txt"));
    Pattern p = Pattern.compile("POST http://localhost:7380/add-checkpoint\n```\n(.*?)```\n"
        + "HTTP (\\d+)\n\\[Asserts\\]\nbody (contains|==) \"(.*?)\"\n", Pattern.DOTALL);
    Matcher m = p.matcher(s);
    List<Step> steps = new ArrayList<>();
    while (m.find()) {
      int torchwood = Integer.parseInt(m.group(2));
      String expected = m.group(4).replace("\\n", "\n");
      int spec = torchwood;
      // Deliberate difference: C2SP tlog-witness answers 404 for an unknown origin; torchwood
      // (which predates that) answers 403 "unknown log".
      if (torchwood == 403 && expected.equals("unknown log")) {
        spec = 404;
      }
      boolean contains = m.group(3).equals("contains");
      steps.add(new Step(steps.size() + 1, m.group(1), torchwood, spec,
          contains ? expected : null, contains ? null : expected));
    }
    return steps;
  }

  /** The log's origin and key: sigsum.org/v1/tree/hex(SHA-256(key)), Ed25519 type 0x01. */
  static Map<String, NoteVerifiers> logs() throws Exception {
    byte[] pub = HexFormat.of().parseHex(SIGSUM_LOG_KEY_HEX);
    String origin = "sigsum.org/v1/tree/"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pub));
    String vkey = NoteKeys.formatKey(origin, NoteKeys.TYPE_ED25519, pub);
    try {
      return Map.of(origin, NoteVerifiers.of(NoteKeys.parseVerifier(vkey)));
    } catch (NoteException e) {
      throw new AssertionError(e);
    }
  }

  static Witness witness(WitnessState state) throws Exception {
    // The witness name of the scenario (litewitness -name=example.com/witness); its key is in
    // an ssh-agent there, so any key does here: the scenario checks only the name.
    byte[] seed = new byte[32];
    seed[0] = 7;
    return Witness.create(
        List.of(CosignatureV1.signer("example.com/witness", seed, Clock.systemUTC())),
        logs(), state, Clock.systemUTC());
  }
}
