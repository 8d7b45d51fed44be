package dev.verity.node.notify;

import dev.verity.node.config.ConfigException;
import dev.verity.node.config.SecretRef;
import dev.verity.node.logging.LogContext;
import dev.verity.node.notify.Delivery.Failure;
import dev.verity.node.notify.NotifyConfig.Smtp;
import dev.verity.node.notify.NotifyConfig.Target;
import dev.verity.node.notify.NotifyConfig.Webhook;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's notification targets, by name, sending off the caller's thread (a small pool of daemon
 * threads, so that a slow receiver never holds up an escalation step). Every outcome is logged
 * once, naming the target and the notification's key, never a URL or a secret, and returned as a
 * {@link Delivery} for the caller to record.
 */
public final class Notifications implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
  static final String KEY = "notification";
  static final String TARGET = "target";

  private final Map<String, Notifier> notifiers;
  private final ExecutorService pool;

  Notifications(Map<String, Notifier> notifiers, int threads) {
    this.notifiers = Map.copyOf(notifiers);
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "verity-notify");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * The targets of {@code config}, their secrets read from {@code environment} (usually {@code
   * System::getenv}) and files. A secret that cannot be read now is a configuration error, reported
   * before any notification is due.
   */
  public static Notifications of(NotifyConfig config, Function<String, String> environment)
      throws ConfigException {
    return of(config, environment, Sleeper.REAL);
  }

  static Notifications of(
      NotifyConfig config, Function<String, String> environment, Sleeper sleeper)
      throws ConfigException {
    Retrying retrying = new Retrying(config.retry(), sleeper);
    Map<String, Notifier> out = new LinkedHashMap<>();
    for (Target t : config.targets()) {
      checkSecret(t, environment);
      out.put(
          t.name(),
          t instanceof Webhook w
              ? new WebhookNotifier(w, environment, retrying)
              : new SmtpNotifier((Smtp) t, environment, retrying));
    }
    return new Notifications(out, Math.max(1, Math.min(4, out.size())));
  }

  private static void checkSecret(Target t, Function<String, String> environment)
      throws ConfigException {
    SecretRef ref = t instanceof Webhook w ? w.token() : ((Smtp) t).password();
    if (ref != null) {
      try {
        ref.resolve(environment);
      } catch (ConfigException e) {
        throw new ConfigException("notification target " + t.name() + ": " + e.getMessage(), e);
      }
    }
  }

  /** The configured target names. */
  public Set<String> targets() {
    return notifiers.keySet();
  }

  /**
   * Sends {@code n} to {@code target}; an unknown target fails at once as {@link
   * Failure#CONFIGURATION}.
   */
  public CompletableFuture<Delivery> send(String target, Notification n) {
    Notifier notifier = notifiers.get(target);
    if (notifier == null) {
      return CompletableFuture.completedFuture(
          logged(
              n,
              new Delivery.Failed(
                  target, 0, Failure.CONFIGURATION, "no notification target named " + target)));
    }
    return CompletableFuture.supplyAsync(() -> logged(n, notifier.send(n)), pool);
  }

  /** Sends {@code n} to each of {@code targets} at once; the outcomes in the same order. */
  public CompletableFuture<List<Delivery>> sendAll(Collection<String> targets, Notification n) {
    List<CompletableFuture<Delivery>> each = targets.stream().map(t -> send(t, n)).toList();
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
        .thenApply(v -> each.stream().map(CompletableFuture::join).toList());
  }

  private static Delivery logged(Notification n, Delivery d) {
    try (LogContext c = LogContext.of(KEY, n.key()).and(TARGET, d.target())) {
      if (d instanceof Delivery.Delivered ok) {
        LOG.info(
            "notification {} delivered to {} ({}, attempt {})",
            n.kind(),
            d.target(),
            ok.response(),
            ok.attempts());
      } else if (d instanceof Delivery.Failed f) {
        LOG.warn(
            "notification {} to {} failed after {} attempts: {}: {}",
            n.kind(),
            d.target(),
            f.attempts(),
            f.failure(),
            f.detail());
      }
    }
    return d;
  }

  /** Stops sending: waits up to 5 s for sends under way, then interrupts them. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
