package dev.verity.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The node's metrics, in Prometheus' text exposition format through Micrometer (issue 17): what
 * an operator's Prometheus scrapes at {@code /metrics} and a Grafana dashboard draws
 * (docs/user/grafana-dashboard.json).
 *
 * <p>Receipt latency is measured from the durable append of an own entry to the moment a peer's
 * cosignature covering it is stored: the node notes the monotonic time of each append ({@link
 * #appended}), and a receipt up to size {@code n} from a peer ({@link #receipted}) records one
 * sample per entry it newly covers. The notes are bounded ({@link #PENDING_LIMIT} per agreement,
 * oldest dropped): a peer that stays away for a week costs no memory beyond that, and the samples
 * it would have given are the backlog gauge's business.
 */
public final class NodeMetrics {
  /** Appends remembered per agreement while waiting for receipts. */
  static final int PENDING_LIMIT = 100_000;

  private final PrometheusMeterRegistry registry;
  private final Map<String, Agreement> agreements = new ConcurrentHashMap<>();
  private final List<Runnable> refreshers = new CopyOnWriteArrayList<>();

  private NodeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** A registry with the JVM's own metrics (memory, GC, threads, classes, CPU, uptime). */
  public static NodeMetrics create() {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(r);
    new JvmGcMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ClassLoaderMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    return new NodeMetrics(r);
  }

  /** What Prometheus reads: text format 0.0.4. */
  public String scrape() {
    refreshers.forEach(Runnable::run);
    return registry.scrape();
  }

  /** One HTTP request answered: its route (the path pattern, not the path) and status. */
  public void request(String server, String method, String route, int status, Duration took) {
    Timer.builder("verity_http_requests")
        .description("HTTP requests answered, by server, route and status")
        .tags("server", server, "method", method, "route", route, "status",
            Integer.toString(status))
        .register(registry)
        .record(took);
  }

  /** An own entry of {@code agreement} is durable: the log now has {@code size} entries. */
  public void appended(String agreement, long size) {
    of(agreement).appended(size, System.nanoTime());
  }

  /** {@code peer} cosigned the own log of {@code agreement} up to {@code size}. */
  public void receipted(String agreement, String peer, long size) {
    of(agreement).receipted(peer, size, System.nanoTime());
  }

  /** A gauge read at each scrape, e.g. the alarms raised or a peer's backlog. */
  public void gauge(String name, String description, Tags tags, LongSupplier value) {
    Gauge.builder(name, value::getAsLong).description(description).tags(tags).register(registry);
  }

  /**
   * A family of gauges whose rows are read at each scrape ({@code obligations by status}): rows
   * that disappear are removed, so a status no longer held shows no stale figure.
   */
  public void rows(String name, String description, String tag, Tags common,
      Supplier<Map<String, Long>> rows) {
    MultiGauge g =
        MultiGauge.builder(name).description(description).tags(common).register(registry);
    refreshers.add(() -> g.register(rows.get().entrySet().stream()
        .map(e -> MultiGauge.Row.of(Tags.of(tag, e.getKey()), e.getValue()))
        .toList(), true));
  }

  /** The peers that witness {@code agreement}: an entry waits for all of them. */
  public void witnesses(String agreement, Collection<String> peers) {
    peers.forEach(p -> of(agreement).receiptedSize.putIfAbsent(p, 0L));
  }

  private Agreement of(String agreement) {
    return agreements.computeIfAbsent(agreement, Agreement::new);
  }

  /** The appends of one agreement waiting for receipts, and each peer's receipted size. */
  private final class Agreement {
    private final String id;
    private final Counter appends;
    private final ConcurrentNavigableMap<Long, Long> appendedAt = new ConcurrentSkipListMap<>();
    private final Map<String, Long> receiptedSize = new ConcurrentHashMap<>();

    Agreement(String id) {
      this.id = id;
      this.appends = Counter.builder("verity_entries_appended")
          .description("own entries made durable in the log").tag("agreement", id)
          .register(registry);
    }

    synchronized void appended(long size, long nanos) {
      appends.increment();
      // a peer whose receipt came before this callback (a publisher read the checkpoint first)
      // covers the entry already: its sample now, or it would never be taken
      receiptedSize.forEach((peer, covered) -> {
        if (covered >= size) {
          timer(peer).record(Duration.ZERO);
        }
      });
      appendedAt.put(size, nanos);
      while (appendedAt.size() > PENDING_LIMIT) {
        appendedAt.pollFirstEntry();
      }
    }

    private Timer timer(String peer) {
      return Timer.builder("verity_receipt_latency")
          .description("durable append of an own entry to a peer's cosignature covering it")
          .tags("agreement", id, "peer", peer).publishPercentileHistogram()
          .register(registry);
    }

    synchronized void receipted(String peer, long size, long nanos) {
      long from = receiptedSize.getOrDefault(peer, 0L);
      if (size <= from) {
        return;
      }
      receiptedSize.put(peer, size);
      Timer t = timer(peer);
      // entry i is covered by the first checkpoint of size > i; appendedAt is keyed by size i+1
      // a publisher may read a checkpoint before the append's own callback has noted its time:
      // such an entry was receipted as it was noted (Micrometer refuses negative durations)
      appendedAt.subMap(from, false, size, true).values()
          .forEach(at -> t.record(Duration.ofNanos(Math.max(0, nanos - at))));
      long covered = receiptedSize.values().stream().mapToLong(Long::longValue).min().orElse(0);
      appendedAt.headMap(covered, true).clear();
    }
  }
}
