package dev.verity.node.submit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.escrow.EscrowException;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Item;
import dev.verity.node.entry.Envelope;
import dev.verity.node.vault.EscrowVault;
import dev.verity.node.projection.EscrowEntries;
import dev.verity.node.projection.EscrowLedger;
import dev.verity.node.projection.Projections;
import dev.verity.node.store.StoreException;
import dev.verity.node.submit.SubmitException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * This node's escrow submissions, for the submit pipeline: a declaration under an agreement in
 * escrow mode becomes one {@code escrow-commitment} entry while the declaration and its salts go
 * to the {@link EscrowVault} (before the entry is appended, so that a commitment in the log can
 * always be opened); a reveal request becomes {@code escrow-reveal} entries with the items,
 * salts, indexes and inclusion proofs.
 */
public final class EscrowSubmissions {
  /** Identifiers a reveal request may name (a declaration has a few thousand items). */
  static final int MAX_ITEMS = 100_000;
  private final Agreement agreement;
  private final String party;
  private final EscrowVault vault;
  private final SecureRandom random = new SecureRandom();

  public EscrowSubmissions(Agreement agreement, String party, EscrowVault vault) {
    this.agreement = agreement;
    this.party = party;
    this.vault = vault;
  }

  /** Entries ready to append: their type and bodies, and the step that checks the rules and applies them. */
  public record Prepared(String type, List<JsonNode> bodies, Acceptor acceptor) {}

  /** Checks against the projection and applies entries from {@code index} on; the problem otherwise, changing nothing. */
  @FunctionalInterface
  public interface Acceptor {
    Optional<String> accept(Projections projections, long index, List<Envelope> entries);
  }

  /** Whether declarations under this agreement are committed rather than published. */
  public boolean escrowMode() {
    return agreement.declarationMode() == DeclarationMode.ESCROW;
  }

  /** Refuses escrow under an agreement that publishes declarations in full. */
  public void requireEscrowMode(String type) throws SubmitException {
    if (!escrowMode()) {
      throw new SubmitException(422, "type", agreement.id() + " publishes declarations in full (declarationMode: "
          + agreement.declarationMode().label() + "): no " + type + " entries; submit a 'declaration'");
    }
  }

  /** The commitment to {@code d} (already checked against the agreement's rules), with fresh salts. */
  public Prepared commit(Declaration d) throws SubmitException {
    requireEscrowMode(EscrowEntries.COMMITMENT);
    EscrowedDeclaration e;
    try {
      e = EscrowedDeclaration.commit(agreement, d, random);
    } catch (EscrowException ex) {
      throw new SubmitException(422, "message.items", ex.getMessage());
    }
    return new Prepared(EscrowEntries.COMMITMENT, List.of(EscrowEntries.commitmentBody(e.commitment())),
        (projections, index, entries) -> {
          try {
            vault.put(e); // first: a commitment in the log must never be without its salts
          } catch (StoreException ex) {
            return Optional.of("cannot keep the escrowed declaration: " + ex.getMessage());
          }
          projections.apply(party, index, entries.get(0));
          return Optional.empty();
        });
  }

  /**
   * A reveal request: {@code {"items": ["ID", ...] | "all", "root": "<hex>"}} (root: this
   * Party's latest commitment if absent; "all": every item not revealed yet).
   */
  public Prepared reveal(JsonNode message, EscrowLedger ledger) throws SubmitException {
    requireEscrowMode(EscrowEntries.REVEAL);
    String root = root(message, ledger);
    EscrowedDeclaration e;
    try {
      e = vault.get(agreement, root).orElseThrow(() -> new SubmitException(422, "message.root",
          "this node holds no escrowed declaration committed as " + root));
    } catch (StoreException ex) {
      throw new SubmitException(500, "message.root", "cannot read the escrowed declaration: " + ex.getMessage());
    }
    List<String> ids = ids(message.get("items"), e, new HashSet<>(ledger.revealedIds(party, root)));
    List<Reveal> reveals;
    try {
      reveals = e.reveal(ids);
    } catch (EscrowException ex) {
      throw new SubmitException(422, "message.items", ex.getMessage());
    }
    return new Prepared(EscrowEntries.REVEAL, EscrowEntries.revealBodies(root, reveals),
        (projections, index, entries) -> {
          Set<String> again = new HashSet<>(projections.escrow().revealedIds(party, root));
          again.retainAll(ids); // a concurrent reveal may have come first
          if (!again.isEmpty()) {
            return Optional.of("already revealed: " + String.join(", ", again));
          }
          for (int i = 0; i < entries.size(); i++) {
            projections.apply(party, index + i, entries.get(i));
          }
          return Optional.empty();
        });
  }

  private String root(JsonNode message, EscrowLedger ledger) throws SubmitException {
    JsonNode r = message.get("root");
    if (r == null || r.isNull()) {
      return ledger.latestRoot(party).orElseThrow(() -> new SubmitException(422, "message.root",
          "no escrow commitment from " + party + " in the log yet: submit its declaration first"));
    }
    if (!r.isTextual() || !ledger.committed(party, r.asText())) {
      throw new SubmitException(422, "message.root", "not the root of an escrow commitment in " + party + "'s log");
    }
    return r.asText();
  }

  private static List<String> ids(JsonNode items, EscrowedDeclaration e, Set<String> revealed) throws SubmitException {
    if (items != null && items.isTextual() && items.asText().equals("all")) {
      List<String> rest = e.items().stream().map(Item::id).filter(id -> !revealed.contains(id)).toList();
      if (rest.isEmpty()) {
        throw new SubmitException(422, "message.items", "every committed item is revealed already");
      }
      return rest;
    }
    if (items == null || !items.isArray() || items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new SubmitException(400, "message.items", "required: \"all\" or 1-" + MAX_ITEMS + " unique identifiers");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < items.size(); i++) {
      String id = items.get(i).isTextual() ? items.get(i).asText() : null;
      String field = "message.items[" + i + "]";
      if (id == null || !out.add(id)) {
        throw new SubmitException(400, field, id == null ? "a unique identifier (string)" : id + " is named twice");
      }
      if (revealed.contains(id)) {
        throw new SubmitException(422, field, id + " was revealed already");
      }
    }
    return new ArrayList<>(out);
  }
}
