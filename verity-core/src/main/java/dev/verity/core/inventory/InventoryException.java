package dev.verity.core.inventory;

/** A notification that cannot apply to the inventory (an item moved after elimination, dates out
 * of order, an unknown item); the message names the notification and the item. */
public final class InventoryException extends Exception {
  private static final long serialVersionUID = 1L;

  public InventoryException(String message) {
    super(message);
  }
}
