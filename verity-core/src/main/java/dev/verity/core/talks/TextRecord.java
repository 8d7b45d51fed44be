package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A text and everything done to it: its versions, every initial and every signature in order
 * (nothing overwritten; a delegation's latest mark is the one that counts). A joint text is
 * initialled when every signatory's latest initial names the same wording, and agreed when every
 * signatory's latest signature names the same wording: the same hash. Marks on
 * different versions are a named {@link Divergence}, not a refusal: each delegation's entry says
 * what it signed.
 */
public record TextRecord(
    String id, TextKind kind, String term, String author, List<TextVersion> versions,
    List<Mark> initials, List<Mark> signatures) {

  public TextRecord {
    versions = List.copyOf(versions);
    initials = List.copyOf(initials);
    signatures = List.copyOf(signatures);
  }

  public TextVersion latest() {
    return versions.get(versions.size() - 1);
  }

  /** The latest version with this wording. */
  public Optional<TextVersion> version(String hash) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).hash().equals(hash)) {
        return Optional.of(versions.get(i));
      }
    }
    return Optional.empty();
  }

  TextRecord initialled(Mark m) {
    List<Mark> more = new ArrayList<>(initials);
    more.add(m);
    return new TextRecord(id, kind, term, author, versions, more, signatures);
  }

  TextRecord signed(Mark m) {
    List<Mark> more = new ArrayList<>(signatures);
    more.add(m);
    return new TextRecord(id, kind, term, author, versions, initials, more);
  }

  /** Draft, initialled or agreed, given who signs. */
  public State state(List<String> signatories) {
    if (agreed(signatories).isPresent()) {
      return State.AGREED;
    }
    return common(initials, signatories).isPresent() ? State.INITIALLED : State.DRAFT;
  }

  /**
   * The agreed version, if every signatory's latest signature names one wording (a signature is
   * accepted only on a wording every signatory has initialled).
   */
  public Optional<TextVersion> agreed(List<String> signatories) {
    return common(signatures, signatories).flatMap(this::version);
  }

  /** The wording every signatory initialled, if one. */
  public Optional<TextVersion> initialled(List<String> signatories) {
    return common(initials, signatories).flatMap(this::version);
  }

  /** Signatories whose latest signatures (or initials) name different wordings. */
  public List<Divergence> divergences(List<String> signatories) {
    List<Divergence> out = new ArrayList<>();
    divergence(Divergence.Of.INITIALS, initials, signatories).ifPresent(out::add);
    divergence(Divergence.Of.SIGNATURES, signatures, signatories).ifPresent(out::add);
    return out;
  }

  /** Each signatory's latest mark, if any. */
  static Map<String, Mark> latest(List<Mark> marks, List<String> signatories) {
    Map<String, Mark> out = new LinkedHashMap<>();
    for (Mark m : marks) {
      if (signatories.contains(m.party())) {
        out.put(m.party(), m);
      }
    }
    return out;
  }

  private static Optional<String> common(List<Mark> marks, List<String> signatories) {
    Map<String, Mark> last = latest(marks, signatories);
    if (signatories.isEmpty() || last.size() < signatories.size()) {
      return Optional.empty();
    }
    long distinct = last.values().stream().map(Mark::hash).distinct().count();
    return distinct == 1 ? Optional.of(last.values().iterator().next().hash()) : Optional.empty();
  }

  private static Optional<Divergence> divergence(Divergence.Of of, List<Mark> marks,
      List<String> signatories) {
    Map<String, Mark> last = latest(marks, signatories);
    if (last.values().stream().map(Mark::hash).distinct().count() < 2) {
      return Optional.empty();
    }
    SortedMap<String, Integer> versions = new TreeMap<>();
    last.forEach((p, m) -> versions.put(p, m.version()));
    return Optional.of(new Divergence(of, versions));
  }

  /** Draft, initialled or agreed. */
  public enum State {
    DRAFT, INITIALLED, AGREED;

    @JsonValue
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Delegations whose latest initials or signatures name different versions. */
  public record Divergence(Of of, SortedMap<String, Integer> versions) {
    public Divergence {
      versions = new TreeMap<>(versions);
    }

    /** Which marks diverge. */
    public enum Of {
      INITIALS, SIGNATURES;

      @JsonValue
      public String label() {
        return name().toLowerCase(Locale.ROOT);
      }
    }
  }
}
