package dev.verity.node.federation;

import dev.verity.node.config.PeerConfig;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.note.NoteVerifiers;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The peers' log keys, parsed once, for the witness and for {@link WitnessService}'s own checks.
 * Both check the signature of every checkpoint a peer pushes (the service to refuse a bad one
 * before reading entries, C2SP tlog-witness in its own order), so each key remembers the last
 * note and signature it found valid: the second check of the very same bytes is a comparison,
 * not a second Ed25519 verification (issue 18: N−1 pushes per checkpoint). Equal bytes under
 * the same key verify alike, so nothing is trusted that was not verified once.
 */
public final class PeerLogs {
  private final Map<String, NoteVerifiers> byOrigin;

  private PeerLogs(Map<String, NoteVerifiers> byOrigin) {
    this.byOrigin = Map.copyOf(byOrigin);
  }

  /** The log keys of {@code peers}, each remembering its last valid signature. */
  public static PeerLogs of(Collection<PeerConfig> peers) throws NoteException {
    Map<String, NoteVerifiers> m = new HashMap<>();
    for (PeerConfig p : peers) {
      NoteVerifier key = NoteKeys.parseVerifier(p.identity().logKey());
      m.put(p.identity().origin(), NoteVerifiers.of(new Remembering(key)));
    }
    return new PeerLogs(m);
  }

  /** No keys at hand: each peer's is parsed when asked for. */
  static PeerLogs none() {
    return new PeerLogs(Map.of());
  }

  /** The keys by log origin, as {@code Witness.create} takes them. */
  public Map<String, NoteVerifiers> byOrigin() {
    return byOrigin;
  }

  /** The keys of {@code peer}'s log. */
  NoteVerifiers of(PeerConfig peer) throws NoteException {
    NoteVerifiers v = byOrigin.get(peer.identity().origin());
    return v != null ? v : NoteVerifiers.of(NoteKeys.parseVerifier(peer.identity().logKey()));
  }

  /** A key that answers true at once for the note and signature it last found valid. */
  static final class Remembering implements NoteVerifier {
    private record Valid(byte[] text, byte[] signature) {}

    private final NoteVerifier key;
    private volatile Valid last;

    Remembering(NoteVerifier key) {
      this.key = key;
    }

    @Override
    public String name() {
      return key.name();
    }

    @Override
    public int keyId() {
      return key.keyId();
    }

    @Override
    public boolean verify(byte[] text, byte[] signature) {
      Valid v = last;
      if (v != null && Arrays.equals(v.text(), text) && Arrays.equals(v.signature(), signature)) {
        return true;
      }
      if (!key.verify(text, signature)) {
        return false;
      }
      last = new Valid(text.clone(), signature.clone());
      return true;
    }
  }
}
