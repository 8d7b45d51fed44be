package dev.verity.core.escrow;

import dev.verity.core.message.Item;
import java.util.List;

/**
 * One item revealed from an escrowed declaration: the record, its salt (hex), its index among the
 * committed leaves and the inclusion proof (hex hashes, lowest sibling first) to the committed root.
 */
public record Reveal(Item item, String salt, long index, List<String> proof) {
  public List<String> proof() {
    return proof == null ? List.of() : proof;
  }
}
