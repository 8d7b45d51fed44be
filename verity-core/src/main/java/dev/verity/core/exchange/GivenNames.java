package dev.verity.core.exchange;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Given names that are one name in Russian and Ukrainian (Александр = Олександр), from the
 * bundled {@code given-names.txt}: every form of a line folds ({@link NameFolding}) to the fold
 * of the line's first form.
 */
final class GivenNames {
  /** One line's Russian and Ukrainian forms (the synthetic corpus draws its names from them). */
  record Pair(String russian, String ukrainian, boolean female) {}

  private static final GivenNames BUNDLED = load();
  private final Map<String, String> canonical;
  private final List<Pair> pairs;

  private GivenNames(Map<String, String> canonical, List<Pair> pairs) {
    this.canonical = Map.copyOf(canonical);
    this.pairs = List.copyOf(pairs);
  }

  static GivenNames bundled() {
    return BUNDLED;
  }

  /** The canonical fold of an already folded given name (itself when not listed). */
  String canonical(String folded) {
    return canonical.getOrDefault(folded, folded);
  }

  List<Pair> pairs() {
    return pairs;
  }

  static GivenNames parse(List<String> lines) {
    Map<String, String> canonical = new HashMap<>();
    List<Pair> pairs = new ArrayList<>();
    boolean female = false;
    for (String line : lines) {
      if (line.strip().startsWith("[")) {
        female = line.strip().equals("[female]");
        continue;
      }
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      String[] forms = line.split(";");
      String target = NameFolding.fold(forms[0]);
      for (String f : forms) {
        String k = NameFolding.fold(f);
        String before = canonical.put(k, target);
        if (before != null && !before.equals(target)) {
          throw new IllegalStateException("given name " + f.strip() + " folds to " + k
              + ", already a form of " + before);
        }
      }
      if (forms.length >= 2) {
        pairs.add(new Pair(forms[0].strip(), forms[1].strip(), female));
      }
    }
    return new GivenNames(canonical, pairs);
  }

  private static GivenNames load() {
    try (InputStream in = GivenNames.class.getResourceAsStream("given-names.txt")) {
      if (in == null) {
        throw new IllegalStateException("given-names.txt missing from the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return parse(r.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
