package dev.verity.core.inventory;

import dev.verity.core.message.Notification;

/** A notification that cannot apply to the inventory (an item moved after elimination, dates out
 * of order, an unknown item); the message names the notification and the item. */
public final class InventoryException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient Notification notification;

  public InventoryException(String message) {
    this(message, null);
  }

  public InventoryException(String message, Notification notification) {
    super(message);
    this.notification = notification;
  }

  /** The notification at fault, when there is one. */
  public Notification notification() {
    return notification;
  }
}
