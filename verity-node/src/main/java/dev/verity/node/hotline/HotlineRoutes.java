package dev.verity.node.hotline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.api.AsOf;
import dev.verity.node.api.Http;
import dev.verity.node.bundle.BundleException;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.Route;
import dev.verity.node.submit.SubmitRequest;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The military line's routes (docs/formats/api.md, "The military line"): the board, its live
 * events, and the officer's four actions, each a signed entry the node writes as the operator
 * signed in (the officer's name is the API token's, never a field the client sends).
 */
final class HotlineRoutes {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** What each action's body may carry, besides {@code clientId}. */
  private static final Map<String, List<String>> ACTIONS = Map.of(
      "ack", List.of("clientId"),
      "reply", List.of("clientId", "reply", "language"),
      "decline", List.of("clientId", "reason"),
      "no-answer", List.of("clientId"),
      "translation", List.of("clientId", "into", "translation", "method"));

  private final NodeQueries queries;
  private final Hotline hotline;

  /** {@code hotline} null: routes described only (the OpenAPI check), or no line here. */
  HotlineRoutes(NodeQueries queries, Hotline hotline) {
    this.queries = queries;
    this.hotline = hotline;
  }

  List<Route> routes() {
    return List.of(
        Route.get(Route.API + "hotline", this::board),
        Route.get(Route.API + "events", new SseHandler(c -> line().events().open(c,
            () -> LiveEvents.json(line().view(queries.clock().instant()))))),
        Route.post(Route.API + "hotline/messages", Route.Role.OPERATOR, this::send),
        Route.post(Route.API + "hotline/messages/{message}/{action}", Route.Role.OPERATOR,
            this::act),
        Route.post(Route.API + "hotline/bundle", Route.Role.OPERATOR, this::bundle));
  }

  private Hotline line() {
    if (hotline == null) {
      throw new Http.ApiError(404, null, "this node's agreement has no military line (its"
          + " protocol 'line', e.g. us-ru-military-line)");
    }
    return hotline;
  }

  /** {@code GET /api/v1/hotline[?asOf=]}: every message's three states and its escalation. */
  private void board(Context ctx) {
    Http.json(ctx, 200, line().view(AsOf.instant(ctx, queries.clock())));
  }

  /**
   * {@code POST /api/v1/hotline/bundle}: the backup path's signed bundle (the air-gap format,
   * {@code verity bundle import} on the other node), carrying what the peers have not receipted.
   */
  private void bundle(Context ctx) throws Exception {
    line();
    try {
      Http.json(ctx, 200, queries.hotline().backupBundle(ctx.attribute("actor")));
    } catch (BundleException e) {
      throw new Http.ApiError(409, null, e.getMessage());
    }
  }

  /** {@code POST /api/v1/hotline/messages}: a message on the line, as the officer signed in. */
  private void send(Context ctx) throws Exception {
    line();
    JsonNode b = Http.jsonObject(ctx, "clientId", "message", "to", "priority", "subject", "text",
        "language");
    ObjectNode m = CanonicalJson.mapper().createObjectNode();
    String id = Http.text(b, "message");
    m.put("message", id != null ? id : newId(queries.clock().instant()));
    for (String f : List.of("to", "priority", "subject", "text", "language")) {
      if (b.hasNonNull(f)) {
        m.set(f, b.get(f));
      }
    }
    submit(ctx, b, LineBoard.MESSAGE, m);
  }

  /** {@code POST /api/v1/hotline/messages/{message}/ack|reply|decline|no-answer|translation}. */
  private void act(Context ctx) throws Exception {
    line();
    String action = ctx.pathParam("action");
    List<String> fields = ACTIONS.get(action);
    if (fields == null) {
      throw new Http.ApiError(404, "action", "one of ack, reply, decline, no-answer,"
          + " translation, not '" + action + "'");
    }
    JsonNode b = Http.jsonObject(ctx, fields.toArray(String[]::new));
    ObjectNode m = CanonicalJson.mapper().createObjectNode();
    m.put("message", ctx.pathParam("message"));
    fields.stream().filter(f -> !f.equals("clientId") && b.hasNonNull(f))
        .forEach(f -> m.set(f, b.get(f)));
    submit(ctx, b, "line-" + action, m);
  }

  private void submit(Context ctx, JsonNode b, String type, ObjectNode m) throws Exception {
    String clientId = Http.text(b, "clientId");
    if (clientId == null) {
      clientId = type + ":" + m.path("message").asText() + ":" + random();
    }
    queries.submit(ctx, new SubmitRequest(clientId, type, m));
    hotline.poke(); // the live inbox hears of it at once
  }

  /** A message id: the sending Party, the time on the node's clock, four random bytes. */
  private String newId(Instant now) {
    return queries.hotline().self() + "-" + STAMP.format(now) + "-" + random();
  }

  private static String random() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
