package dev.verity.core.talks;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The changes from one version of a text to the next, clause by clause (by clause id): added,
 * changed (the wording before and after), removed.
 */
public record Redline(List<Change> changes) {
  public static final Redline NONE = new Redline(List.of());

  public Redline {
    changes = List.copyOf(changes);
  }

  /** The redline from {@code before} to {@code after}. */
  public static Redline between(List<Clause> before, List<Clause> after) {
    Map<String, String> old = new LinkedHashMap<>();
    before.forEach(c -> old.put(c.id(), c.text()));
    List<Change> out = new ArrayList<>();
    for (Clause c : after) {
      String was = old.remove(c.id());
      if (was == null) {
        out.add(new Change(Change.Kind.ADDED, c.id(), null, c.text()));
      } else if (!was.equals(c.text())) {
        out.add(new Change(Change.Kind.CHANGED, c.id(), was, c.text()));
      }
    }
    old.forEach((id, text) -> out.add(new Change(Change.Kind.REMOVED, id, text, null)));
    return new Redline(out);
  }

  /** One clause added, changed or removed. */
  public record Change(Kind kind, String clause, String before, String after) {
    /** What happened to the clause. */
    public enum Kind {
      ADDED, CHANGED, REMOVED;

      @JsonValue
      public String label() {
        return name().toLowerCase(Locale.ROOT);
      }
    }
  }
}
