package dev.verity.node.notify;

/**
 * Sends notifications to one configured target (a webhook or an SMTP relay). Implementations bound
 * every connection and wait by the target's timeout, retry transient failures by the {@link
 * RetryPolicy}, and never log or return a secret. {@link #send} blocks until the outcome is known;
 * {@link Notifications} runs it off the caller's thread.
 */
public interface Notifier {
  /** The target's name in the configuration. */
  String target();

  /** Sends {@code n}, retrying as allowed, and says what became of it. */
  Delivery send(Notification n);
}
