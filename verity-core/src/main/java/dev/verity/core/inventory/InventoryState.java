package dev.verity.core.inventory;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.EntryRef;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link InventoryRegime} folds: each Party's declarations and notifications as received,
 * with the entries that carried them, and a running inventory (the "head") so that checking a
 * notification costs one notification's work. It answers what a Party had declared at any instant
 * ({@link #inventoryAt}), which the inspections check sites and items against.
 */
public final class InventoryState {
  /** A declaration as received: when, and in which entry. */
  public record Received(Declaration declaration, Instant at, EntryRef entry) {}

  /** A notification as received, and the entry that carried it. */
  public record Sent(Notification notification, EntryRef entry) {}

  private static final class PartyRecord {
    final List<Received> declarations = new ArrayList<>();
    final List<Sent> notifications = new ArrayList<>();
    Inventory head;
  }

  private final Agreement agreement;
  private final Map<String, PartyRecord> parties = new TreeMap<>();

  InventoryState(Agreement agreement) {
    this.agreement = agreement;
  }

  private PartyRecord of(String party) {
    return parties.computeIfAbsent(party, p -> new PartyRecord());
  }

  void declare(Declaration d, EntryRef entry) {
    PartyRecord r = of(d.party());
    r.declarations.add(new Received(d, d.receivedAt(), entry));
    r.head = null;
  }

  boolean hasDeclaration(String party) {
    return parties.containsKey(party) && !parties.get(party).declarations.isEmpty();
  }

  long nextNumber(String party) {
    return parties.containsKey(party) ? parties.get(party).notifications.size() + 1L : 1L;
  }

  /**
   * Applies {@code n} to the Party's running inventory and records it; returns the problem if the
   * inventory cannot take it, and then records nothing (the head, perhaps half-changed, is
   * rebuilt from the accepted notifications next time).
   */
  String notify(Notification n, EntryRef entry) {
    PartyRecord r = of(n.party());
    try {
      if (r.head == null) {
        r.head = timeline(r, r.declarations.get(0).declaration()).latest();
      }
      r.head.apply(n);
    } catch (InventoryException | DeclarationException e) {
      r.head = null;
      return e.getMessage();
    }
    r.notifications.add(new Sent(n, entry));
    return null;
  }

  private InventoryTimeline timeline(PartyRecord r, Declaration base) {
    return new InventoryTimeline(agreement, base.party(), base,
        r.notifications.stream().map(Sent::notification).toList());
  }

  /** The Parties that have said something, in id order. */
  public List<String> parties() {
    return List.copyOf(parties.keySet());
  }

  /** The Party's notifications, in the order received. */
  public List<Sent> notifications(String party) {
    return parties.containsKey(party) ? List.copyOf(parties.get(party).notifications) : List.of();
  }

  /** The Party's declaration with data as of {@code day}, if it made one (the first if several). */
  public Optional<Received> declaration(String party, LocalDate day) {
    return parties.containsKey(party) ? parties.get(party).declarations.stream()
        .filter(d -> d.declaration().asOf().equals(day)).findFirst() : Optional.empty();
  }

  /**
   * The inventory of {@code party} at {@code at}: its latest declaration as of that day (else its
   * first) and every notification with an event before {@code at}; empty before any declaration.
   */
  public Optional<Inventory> inventoryAt(String party, Instant at)
      throws DeclarationException, InventoryException {
    PartyRecord r = parties.get(party);
    if (r == null || r.declarations.isEmpty()) {
      return Optional.empty();
    }
    LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
    Declaration base = r.declarations.stream().map(Received::declaration)
        .filter(d -> !d.asOf().isAfter(day)).max(Comparator.comparing(Declaration::asOf))
        .orElse(r.declarations.get(0).declaration());
    return Optional.of(timeline(r, base).asOf(at));
  }

  /** Per Party: its declarations, how many notifications, its aggregates after all of them. */
  public record PartyView(List<DeclarationView> declarations, int notifications,
      Map<String, Long> aggregates) {}

  /** A declaration by its as-of day, when it was received, its entry and how many items. */
  public record DeclarationView(LocalDate asOf, Instant received, EntryRef entry, int items) {}

  Map<String, PartyView> view() {
    Map<String, PartyView> out = new LinkedHashMap<>();
    parties.forEach((p, r) -> {
      Map<String, Long> totals = null;
      try {
        totals = r.declarations.isEmpty() ? null : (r.head != null ? r.head
            : timeline(r, r.declarations.get(0).declaration()).latest()).aggregates();
      } catch (DeclarationException | InventoryException e) {
        totals = null; // shown without totals; the refusals say why
      }
      out.put(p, new PartyView(r.declarations.stream().map(d -> new DeclarationView(
          d.declaration().asOf(), d.at(), d.entry(), d.declaration().items().size())).toList(),
          r.notifications.size(), totals));
    });
    return out;
  }
}
