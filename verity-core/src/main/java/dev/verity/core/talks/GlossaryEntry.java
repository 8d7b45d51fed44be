package dev.verity.core.talks;

import java.util.List;

/**
 * An agreed term of the shared glossary: the term, the definition text and agreed version, its
 * hash and wording. "Agreed to exchange definitions of key terms (cessation of hostilities,
 * ceasefire, violation)" [b18]: each definition is a versioned text, agreed as any other.
 */
public record GlossaryEntry(String term, String text, int version, String hash,
    List<Clause> definition) {
  public GlossaryEntry {
    definition = List.copyOf(definition);
  }
}
