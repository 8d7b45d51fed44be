package dev.verity.node.cli.bench;

import dev.verity.node.federation.PushEvent;
import dev.verity.node.federation.WitnessPushEvent;
import dev.verity.node.submit.AppendEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;

/**
 * Where a receipt's time goes, stage by stage, from the JDK Flight Recorder events that the
 * submitters, publishers and witnesses of this JVM record ({@link AppendEvent}, {@link
 * PushEvent}, {@link WitnessPushEvent}; D95): {@code verity bench federation --stages}. A {@link
 * RecordingStream} delivers the events about once a second; {@link #take} waits for the
 * deliveries that follow the end of a row, so each row's events are its own. The events of both
 * nodes are here because both run in this JVM.
 */
final class ReceiptStages implements AutoCloseable {
  /** JFR's stream delivers what was recorded at each flush, about once a second (JEP 349). */
  private static final int FLUSHES_AFTER_A_ROW = 2;
  private static final long FLUSH_WAIT_MS = 10_000;

  /**
   * One event that went through (appended, answered 200): its log (an append's: its agreement),
   * the entries it covers {@code [oldSize, size)} (an append's: its indices), when it started
   * (ns since the epoch, one clock for all events), its duration and stages in ns.
   */
  record Sample(String log, long oldSize, long size, int pushed, long start, long duration,
      long[] stages) {
    /** The same request on both sides: the log and the sizes. */
    String key() {
      return log + "\n" + oldSize + "-" + size;
    }
  }

  /**
   * The events of one row: the sender's appends, its pushes, the witness's side of them, and how
   * many pushes the publisher saw answered other than 200.
   */
  record Split(String rate, List<Sample> appends, List<Sample> pushes, List<Sample> witnessed,
      int refused) {}

  private final RecordingStream stream = new RecordingStream();
  private final Object lock = new Object();
  // guarded by lock
  private List<Sample> appends = new ArrayList<>();
  private List<Sample> pushes = new ArrayList<>();
  private List<Sample> witnessed = new ArrayList<>();
  private int refused;
  private long flushes;

  ReceiptStages() {
    stream.setMaxAge(Duration.ofMinutes(2)); // the stream's files on disk stay small
    for (String name : List.of(AppendEvent.NAME, PushEvent.NAME, WitnessPushEvent.NAME)) {
      stream.enable(name).withoutStackTrace().withThreshold(Duration.ZERO);
    }
    stream.onEvent(AppendEvent.NAME, this::appended);
    stream.onEvent(PushEvent.NAME, e -> add(e, PushEvent.STAGES, true));
    stream.onEvent(WitnessPushEvent.NAME, e -> add(e, WitnessPushEvent.STAGES, false));
    stream.onFlush(this::flushed);
    stream.startAsync();
  }

  private void appended(RecordedEvent e) {
    if (e.getString("outcome").equals("appended")) {
      long index = e.getLong("index");
      int entries = e.getInt("entries");
      Sample s = new Sample(e.getString("agreement"), index, index + entries, entries,
          start(e), e.getDuration().toNanos(), stages(e, AppendEvent.STAGES));
      synchronized (lock) {
        appends.add(s);
      }
    }
  }

  private static long start(RecordedEvent e) {
    Instant t = e.getStartTime();
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }

  private static long[] stages(RecordedEvent e, List<String> names) {
    return names.stream().mapToLong(e::getLong).toArray();
  }

  private void add(RecordedEvent e, List<String> stages, boolean push) {
    Sample s = new Sample(e.getString("log"), e.getLong("oldSize"), e.getLong("size"),
        e.getInt("pushed"), start(e), e.getDuration().toNanos(), stages(e, stages));
    synchronized (lock) {
      if (e.getInt("status") == 200) {
        (push ? pushes : witnessed).add(s);
      } else if (push) {
        refused++; // counted once, on the publisher's side
      }
    }
  }

  private void flushed() {
    synchronized (lock) {
      flushes++;
      lock.notifyAll();
    }
  }

  /**
   * The events recorded since the last call, once JFR has delivered them: the row {@code rate},
   * of {@code appended} appends. An event can reach the stream after the two flushes that
   * follow its row (a row's last append was once counted in the next), so the row also waits
   * for its own appends, within {@link #FLUSH_WAIT_MS}.
   */
  Split take(String rate, int appended) throws InterruptedException {
    synchronized (lock) {
      long until = flushes + FLUSHES_AFTER_A_ROW;
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FLUSH_WAIT_MS);
      for (long left; (flushes < until || appends.size() < appended)
          && (left = deadline - System.nanoTime()) > 0; ) {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      Split s = new Split(rate, appends, pushes, witnessed, refused);
      appends = new ArrayList<>();
      pushes = new ArrayList<>();
      witnessed = new ArrayList<>();
      refused = 0;
      return s;
    }
  }

  /**
   * One paragraph per row: each stage's p50 / p99 in ms, the sender's append, its pushes, then
   * the witness's side of them.
   */
  static void print(PrintWriter out, List<Split> splits) {
    out.printf("%nwhere a receipt's time goes (JFR events %s, %s and %s), p50/p99 ms:%n",
        AppendEvent.NAME, PushEvent.NAME, WitnessPushEvent.NAME);
    for (Split s : splits) {
      double perPush = s.pushes().stream().mapToInt(Sample::pushed).average().orElse(0);
      out.printf("rate %s: %d appends; %d pushes answered 200, %.1f entries each; %d other"
          + " answers%n", s.rate(), s.appends().size(), s.pushes().size(), perPush, s.refused());
      out.printf("  sender    %s%n", stages(s.appends(), AppendEvent.STAGES, "append"));
      out.printf("  publisher %s%n", stages(s.pushes(), PushEvent.STAGES, "push"));
      out.printf("  witness   %s%n", stages(s.witnessed(), WitnessPushEvent.STAGES, "request"));
      out.printf("  between   network, TLS and HTTP, both ways (exchange - request) %s%n",
          cell(hops(s)));
      out.printf("  tail      %s%n", tail(paths(s)));
    }
    out.flush();
  }

  private static String stages(List<Sample> samples, List<String> names, String total) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      int stage = i;
      b.append(names.get(i)).append(' ')
          .append(cell(ms(samples, x -> x.stages()[stage]))).append("  ");
    }
    return b.append(total).append(' ').append(cell(ms(samples, Sample::duration))).toString();
  }

  /**
   * The exchange of each push less the witness's time on the same request (matched by log, old
   * size and size): what the network, TLS and HTTP cost on both ways.
   */
  static double[] hops(Split s) {
    Map<String, Sample> byKey = byKey(s.witnessed());
    int exchange = PushEvent.STAGES.indexOf("exchange");
    return sorted(s.pushes().stream().filter(p -> byKey.containsKey(p.key()))
        .mapToDouble(p -> (p.stages()[exchange] - byKey.get(p.key()).duration()) / 1e6)
        .toArray());
  }

  /**
   * One receipt as the events tell it, in ms: from the submission to the end of the push that
   * carried the entry; the append; from the submitter's answer to that push's start (below 0
   * when the publisher, woken at durability, started before the submitting thread resumed); the
   * push; the witness's part of it; and the receipt's check and store.
   */
  record Path(double receipt, double append, double waited, double push, double witness,
      double store) {}

  /**
   * Each appended entry's path: the first push answered 200 that started after the entry was
   * submitted and carries it (its witness event matched by log and sizes). Entries no push
   * carried in the row are left out.
   */
  static List<Path> paths(Split s) {
    List<Sample> pushes = new ArrayList<>(s.pushes());
    pushes.sort(Comparator.comparingLong(Sample::start));
    long[] starts = pushes.stream().mapToLong(Sample::start).toArray();
    Map<String, Sample> witness = byKey(s.witnessed());
    List<Path> paths = new ArrayList<>();
    for (Sample a : s.appends()) {
      int i = Arrays.binarySearch(starts, a.start());
      for (i = i < 0 ? -i - 1 : i; i < starts.length; i++) {
        Sample p = pushes.get(i);
        if (p.oldSize() <= a.oldSize() && a.oldSize() < p.size()) {
          paths.add(path(a, p, witness.get(p.key())));
          break;
        }
      }
    }
    return paths;
  }

  private static Path path(Sample append, Sample push, Sample witness) {
    int store = PushEvent.STAGES.indexOf("receipt");
    return new Path((push.start() + push.duration() - append.start()) / 1e6,
        append.duration() / 1e6, (push.start() - append.start() - append.duration()) / 1e6,
        push.duration() / 1e6, witness == null ? Double.NaN : witness.duration() / 1e6,
        push.stages()[store] / 1e6);
  }

  /**
   * The slowest 1% of receipts against the middle tenth (p45–p55), each part's mean in ms: which
   * part makes the tail.
   */
  static String tail(List<Path> paths) {
    List<Path> sorted = new ArrayList<>(paths);
    sorted.sort(Comparator.comparingDouble(Path::receipt));
    int n = sorted.size();
    List<Path> slow = sorted.subList(n - (n + 99) / 100, n);
    List<Path> middle = sorted.subList(n * 45 / 100, n * 55 / 100);
    return String.format("slowest 1%% of receipts (%d) / middle tenth, mean ms: receipt %s"
        + "  append %s  wait %s  push %s  witness %s  receipt store %s", slow.size(),
        means(slow, middle, Path::receipt), means(slow, middle, Path::append),
        means(slow, middle, Path::waited), means(slow, middle, Path::push),
        means(slow, middle, Path::witness), means(slow, middle, Path::store));
  }

  private static String means(List<Path> slow, List<Path> middle, ToDoubleFunction<Path> f) {
    return String.format("%.2f/%.2f", mean(slow, f), mean(middle, f));
  }

  private static double mean(List<Path> paths, ToDoubleFunction<Path> f) {
    return paths.stream().mapToDouble(f).filter(x -> !Double.isNaN(x)).average()
        .orElse(Double.NaN);
  }

  private static Map<String, Sample> byKey(List<Sample> samples) {
    Map<String, Sample> byKey = new HashMap<>();
    samples.forEach(w -> byKey.put(w.key(), w));
    return byKey;
  }

  private static double[] ms(List<Sample> samples, ToLongFunction<Sample> f) {
    return sorted(samples.stream().mapToDouble(x -> f.applyAsLong(x) / 1e6).toArray());
  }

  private static double[] sorted(double[] values) {
    Arrays.sort(values);
    return values;
  }

  private static String cell(double[] sorted) {
    return String.format("%.2f/%.2f", FederationBenchCommand.pct(sorted, 50),
        FederationBenchCommand.pct(sorted, 99));
  }

  @Override
  public void close() {
    stream.close();
  }
}
