package dev.verity.tlog.note;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The set of trusted keys a note is verified against, looked up by name and key ID together
 * (C2SP signed-note: signatures that share only a name or only an ID with a known key are from
 * unknown keys and are ignored).
 */
public final class NoteVerifiers {
  private final Map<String, NoteVerifier> byNameAndId;

  private NoteVerifiers(Map<String, NoteVerifier> map) {
    this.byNameAndId = map;
  }

  public static NoteVerifiers of(NoteVerifier... verifiers) {
    return of(List.of(verifiers));
  }

  /** The verifiers; two with the same name and key ID are refused as ambiguous. */
  public static NoteVerifiers of(Collection<? extends NoteVerifier> verifiers) {
    Objects.requireNonNull(verifiers, "verifiers");
    Map<String, NoteVerifier> map = new HashMap<>();
    for (NoteVerifier v : verifiers) {
      Objects.requireNonNull(v, "verifier");
      if (map.putIfAbsent(key(v.name(), v.keyId()), v) != null) {
        throw new IllegalArgumentException(
            "two verifiers for " + v.name() + "+" + NoteKeys.hex8(v.keyId()));
      }
    }
    return new NoteVerifiers(map);
  }

  /** The verifier for a name and key ID, if known. */
  public Optional<NoteVerifier> find(String name, int keyId) {
    return Optional.ofNullable(byNameAndId.get(key(name, keyId)));
  }

  public List<NoteVerifier> all() {
    return List.copyOf(new ArrayList<>(byNameAndId.values()));
  }

  public boolean isEmpty() {
    return byNameAndId.isEmpty();
  }

  private static String key(String name, int keyId) {
    return name + "+" + NoteKeys.hex8(keyId);
  }
}
