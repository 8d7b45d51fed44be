package dev.verity.node.inventory;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.Item;
import dev.verity.core.scenario.PublishedData;
import dev.verity.node.api.AsOf;
import dev.verity.node.api.Http;
import dev.verity.node.module.InventoryQueries;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import io.javalin.http.Context;
import java.io.Reader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The read routes of New START's inventory and notifications (Part Four; docs/formats/api.md):
 * {@code GET /api/v1/compliance} and {@code /inventory} (each Party as of a day),
 * {@code /reconciliation} (data exchanges reconciled), and the dashboard's
 * {@code /inventory/{party}/items} (items by unique identifier) and {@code /history} (published
 * aggregates and the node's own figures over time).
 */
final class InventoryRoutes {
  private final NodeQueries node;
  private final History history;

  InventoryRoutes(NodeQueries node) {
    this.node = node;
    this.history = new History(node);
  }

  List<Route> routes() {
    return List.of(
        Route.get("/api/v1/compliance",
            ctx -> perDay(ctx, d -> node.inventory().compliance(d))),
        Route.get("/api/v1/inventory",
            ctx -> perDay(ctx, d -> node.inventory().inventory(d))),
        Route.get("/api/v1/reconciliation", ctx -> Http.json(ctx, 200,
            Map.of("reconciliations", node.inventory().reconciliations()))),
        Route.get("/api/v1/history", ctx -> Http.json(ctx, 200, history.get())),
        Route.get("/api/v1/inventory/{party}/items", this::items));
  }

  /**
   * A per-day answer ({@code {"asOf": DAY, "parties": ...}}) for the day {@link AsOf} reads: by
   * default today by the node's clock, an exercise's day on an exercise node.
   */
  private void perDay(Context ctx, Function<LocalDate, Object> parties) {
    LocalDate day = AsOf.day(ctx, node.clock());
    Http.json(ctx, 200, new TreeMap<>(Map.of("asOf", day, "parties", parties.apply(day))));
  }

  /** The published aggregates of each shipped table, read once (they never change). */
  private static final Map<String, List<Map<String, Object>>> PUBLISHED = new ConcurrentHashMap<>();

  /**
   * The published aggregates of the agreement's table and this node's figures over time, kept
   * until an entry is applied or the day turns (computing them replays every Party's history).
   */
  static final class History {
    private record Computed(long applied, LocalDate day, Map<String, Object> value) {}

    private final InventoryQueries inventory;
    private final NodeQueries node;
    private volatile Computed last;

    History(NodeQueries node) {
      this.node = node;
      this.inventory = node == null ? null : node.inventory();
    }

    Map<String, Object> get() {
      long applied = inventory.applied();
      LocalDate today = node.clock().instant().atOffset(ZoneOffset.UTC).toLocalDate();
      Computed c = last;
      if (c == null || c.applied() != applied || !c.day().equals(today)) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("published", published(node.agreement()));
        out.put("node", ownFigures(inventory, today));
        c = new Computed(applied, today, out);
        last = c;
      }
      return c.value();
    }
  }

  private static List<Map<String, Object>> published(Agreement a) {
    if (a.publishedFigures() == null) {
      return List.of();
    }
    return PUBLISHED.computeIfAbsent(a.publishedFigures() + "\n" + a.id(), k -> {
      try (Reader r = PublishedData.table(a.publishedFigures())) {
        return AggregatesTable.read(a.publishedFigures(), r, a).stream()
            .map(row -> figures(row.asOf(), row.party(), row.values())).toList();
      } catch (Exception e) {
        throw new IllegalStateException(
            "shipped table " + a.publishedFigures() + ": " + e.getMessage(), e);
      }
    });
  }

  private static Map<String, Object> figures(LocalDate date, String party, Object values) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("date", date);
    m.put("party", party);
    m.put("values", values);
    return m;
  }

  /**
   * This node's figures on the first declaration's day, the 1st of each month while they change,
   * and today.
   */
  private static List<Map<String, Object>> ownFigures(InventoryQueries node,
      LocalDate today) {
    LocalDate first = node.firstDeclarationDay().orElse(null);
    List<Map<String, Object>> own = new ArrayList<>();
    if (first == null) {
      return own;
    }
    // monthly while the inventories change, then today: after the latest change the figures
    // stay put
    LocalDate last = first;
    for (var v : node.inventory(today).values()) {
      if (v.clock() != null) {
        LocalDate c = v.clock().atOffset(ZoneOffset.UTC).toLocalDate();
        last = c.isAfter(last) ? c : last;
      }
    }
    List<LocalDate> days = new ArrayList<>();
    days.add(first);
    LocalDate until = last.plusMonths(1);
    for (LocalDate d = first.withDayOfMonth(1).plusMonths(1);
        d.isBefore(today) && !d.isAfter(until); d = d.plusMonths(1)) {
      days.add(d);
    }
    if (today.isAfter(days.get(days.size() - 1))) {
      days.add(today);
    }
    for (LocalDate d : days) {
      node.inventory(d).forEach((party, v) -> {
        if (v.aggregates() != null) {
          own.add(figures(d, party, v.aggregates()));
        }
      });
    }
    return own;
  }

  /**
   * The items of {@code party} by unique identifier, as of the end of {@code asOf}, optionally of
   * one facility.
   */
  private void items(Context ctx) throws Exception {
    String party = ctx.pathParam("party");
    if (!node.parties().contains(party)) {
      throw new Http.ApiError(404, "party", "no Party " + party + " in " + node.agreement().id());
    }
    LocalDate day = AsOf.day(ctx, node.clock());
    String facility = ctx.queryParam("facility");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("party", party);
    out.put("asOf", day);
    // the node's projections fold each Party's entries once; the drill-down reads them
    Optional<Inventory> found = node.inventory().inventoryAsOf(party, day);
    if (found.isEmpty()) {
      out.put("facilities", Map.of());
      out.put("items", List.of());
      Http.json(ctx, 200, out);
      return;
    }
    Inventory inv = found.get();
    Map<String, Object> facilities = new TreeMap<>();
    inv.facilities().forEach((id, f) -> facilities.put(id, Map.of(
        "name", f.name() == null ? id : f.name(),
        "kind", f.kind() == null ? "" : f.kind())));
    List<Map<String, Object>> items = new ArrayList<>();
    for (Item it : new TreeMap<>(inv.items()).values()) {
      if (facility != null && !facility.equals(it.facility())) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", it.id());
      m.put("kind", it.kind());
      m.put("facility", it.facility());
      m.put("launcher", it.launcher());
      m.put("carrier", it.carrier());
      m.put("warheads", it.warheads());
      m.put("status", inv.status(it.id()).name().toLowerCase().replace('_', '-'));
      items.add(m);
    }
    out.put("clock", inv.clock());
    out.put("facilities", facilities);
    out.put("items", items);
    Http.json(ctx, 200, out);
  }
}
