package dev.verity.core.inventory;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/**
 * A Party's inventory as of any instant: its declaration plus the notifications with an event
 * before that instant. Queries that move forward in time continue the last fold (one
 * notification at a time); a query earlier than the last one folds again from the declaration.
 */
public final class InventoryTimeline {
  private final Agreement agreement;
  private final String source;
  private final Declaration declaration;
  private final List<Notification> notifications;
  private final Instant start;
  private Inventory current;
  private int applied;
  private Instant currentAt;

  /** @param notifications any notifications; only the Party's, from the declaration on, are used */
  public InventoryTimeline(Agreement agreement, String source, Declaration declaration, List<Notification> notifications) {
    this.agreement = agreement;
    this.source = source;
    this.declaration = declaration;
    this.start = declaration.asOf().atStartOfDay().toInstant(ZoneOffset.UTC);
    this.notifications = notifications.stream()
        .filter(n -> n.party().equals(declaration.party()) && !n.eventTime().isBefore(start))
        .sorted(Comparator.comparing(Notification::eventTime).thenComparingLong(Notification::number))
        .toList();
  }

  /**
   * The inventory as of {@code instant} (notifications with an event strictly before it). The
   * returned object is live: a later query may advance it.
   */
  public Inventory asOf(Instant instant) throws DeclarationException, InventoryException {
    if (instant.isBefore(start)) {
      throw new InventoryException(source + ": dates out of order: " + instant + " is before the declaration's asOf " + declaration.asOf());
    }
    if (current == null || instant.isBefore(currentAt)) {
      current = Inventory.of(agreement, source, declaration);
      applied = 0;
    }
    while (applied < notifications.size() && notifications.get(applied).eventTime().isBefore(instant)) {
      current.apply(notifications.get(applied++));
    }
    currentAt = instant;
    return current;
  }

  /** The inventory after every notification. */
  public Inventory latest() throws DeclarationException, InventoryException {
    return asOf(Instant.MAX);
  }

  /** The notifications applied by the last query. */
  public List<Notification> applied() {
    return notifications.subList(0, applied);
  }
}
