package dev.verity.core.ceasefire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a ceasefire register counts and where: the categories of ceasefire violations (with their
 * sub-assessments), the regions, the context flags, the protected-object categories, and the
 * actors that are no participant but that claims may name (armed formations). It is
 * data (the bundled {@code vocabulary.yaml}, or an agreement's own), never Java constants, so a
 * new arrangement with other categories or regions needs no code.
 */
public record Vocabulary(
    List<Category> categories, List<Region> regions, List<Context> contexts,
    List<ProtectedObject> protectedObjects, List<Actor> actors) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public Vocabulary {
    categories = categories == null ? List.of() : List.copyOf(categories);
    regions = regions == null ? List.of() : List.copyOf(regions);
    contexts = contexts == null ? List.of() : List.copyOf(contexts);
    protectedObjects = protectedObjects == null ? List.of() : List.copyOf(protectedObjects);
    actors = actors == null ? List.of() : List.copyOf(actors);
    unique("category", categories.stream().map(Category::id).toList());
    unique("region", regions.stream().map(Region::id).toList());
    unique("context", contexts.stream().map(Context::id).toList());
    unique("protected-object category",
        protectedObjects.stream().map(ProtectedObject::id).toList());
    unique("actor", actors.stream().map(Actor::id).toList());
  }

  /**
   * A category of ceasefire violation. {@code inTotal}: it counts toward a region's total of
   * ceasefire violations (the SMM's five categories do; strikes on protected objects are counted
   * apart).
   */
  public record Category(
      String id, String name, boolean inTotal, List<String> assessments, String source) {
    public Category {
      assessments = assessments == null ? List.of() : List.copyOf(assessments);
    }
  }

  /** A region in which observations are counted (an oblast, for the SMM). */
  public record Region(String id, String name, String country) {}

  /** A context flag, e.g. a live-fire exercise inside the security zone. */
  public record Context(String id, String name, String source) {}

  /** A category of protected object, e.g. the 2025 energy moratorium's oil refineries. */
  public record ProtectedObject(String id, String name, String source) {}

  /**
   * An actor claims may name (attributed to, in control of a place) that takes no part in the
   * agreement: "the armed formations in certain areas of the Donetsk and Luhansk regions".
   */
  public record Actor(String id, String name, String source) {}

  /** The bundled vocabulary ({@code vocabulary.yaml} beside this class). */
  public static Vocabulary standard() {
    InputStream in = Vocabulary.class.getResourceAsStream("vocabulary.yaml");
    if (in == null) {
      throw new IllegalStateException("vocabulary.yaml is missing from the class path");
    }
    try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return read(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a vocabulary in YAML; a mistake is an {@link IllegalArgumentException} in words. */
  public static Vocabulary read(Reader yaml) throws IOException {
    try {
      return YAML.readValue(yaml, Vocabulary.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("vocabulary: " + e.getOriginalMessage(), e);
    }
  }

  public Optional<Category> category(String id) {
    return categories.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public boolean hasRegion(String id) {
    return regions.stream().anyMatch(r -> r.id().equals(id));
  }

  public boolean hasContext(String id) {
    return contexts.stream().anyMatch(c -> c.id().equals(id));
  }

  public boolean hasProtectedObject(String id) {
    return protectedObjects.stream().anyMatch(p -> p.id().equals(id));
  }

  /** Whether {@code category} counts toward a region's total of ceasefire violations. */
  public boolean inTotal(String category) {
    return category(category).map(Category::inTotal).orElse(false);
  }

  private static void unique(String what, List<String> ids) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("vocabulary: a " + what + " without id");
      }
      if (!seen.add(id)) {
        throw new IllegalArgumentException("vocabulary: " + what + " '" + id + "' twice");
      }
    }
  }
}
