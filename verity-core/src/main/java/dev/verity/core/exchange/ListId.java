package dev.verity.core.exchange;

/** A list within an exchange: whose, held or requested, and which category. */
public record ListId(String party, ListKind kind, String category) {
  @Override
  public String toString() {
    return party + " " + kind.label() + " " + category;
  }
}
