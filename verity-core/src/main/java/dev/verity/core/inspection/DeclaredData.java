package dev.verity.core.inspection;

import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a Party has declared, as the inspection projection needs it: its facilities and items at
 * an instant. The node answers from its inventory projection; {@link #of} from declarations.
 */
public interface DeclaredData {
  Optional<Facility> facility(String party, String id, Instant at);

  Optional<Item> item(String party, String id, Instant at);

  /** Every item the Party declared at {@code facility}, at {@code at}. */
  List<Item> itemsAt(String party, String facility, Instant at);

  /** From data exchanges: at each instant the latest declaration of the Party as of that day or before. */
  static DeclaredData of(List<Declaration> declarations) {
    return new DeclaredData() {
      private Optional<Declaration> latest(String party, Instant at) {
        return declarations.stream()
            .filter(d -> d.party().equals(party))
            .filter(d -> !d.asOf().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isAfter(at))
            .max(java.util.Comparator.comparing(Declaration::asOf));
      }

      @Override
      public Optional<Facility> facility(String party, String id, Instant at) {
        return latest(party, at).flatMap(d -> d.facilities().stream().filter(f -> f.id().equals(id)).findFirst());
      }

      @Override
      public List<Item> itemsAt(String party, String facility, Instant at) {
        return latest(party, at).map(d -> d.items().stream().filter(i -> facility.equals(i.facility())).toList()).orElse(List.of());
      }

      @Override
      public Optional<Item> item(String party, String id, Instant at) {
        return latest(party, at).flatMap(d -> d.items().stream().filter(i -> i.id().equals(id)).findFirst());
      }
    };
  }
}
