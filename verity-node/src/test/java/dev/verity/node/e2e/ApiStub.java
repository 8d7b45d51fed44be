package dev.verity.node.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.Party;
import dev.verity.core.message.EntryRef;
import dev.verity.core.protocol.ProtocolRegime;
import dev.verity.core.protocol.ProtocolState;
import dev.verity.core.regime.Obligation;
import dev.verity.core.regime.Outcome;
import dev.verity.core.regime.Step;
import dev.verity.core.schema.FieldError;
import dev.verity.core.schema.Validation;
import dev.verity.node.api.DashboardRoutes;
import dev.verity.node.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * The dashboard's real pages in front of a stand-in for the node's API, for agreements the node
 * cannot run yet (issue 12: declared protocols and typed messages arrive in the node with other
 * work). On 127.0.0.1 and a port it picks, with the dashboard's Content-Security-Policy. It serves
 * {@code /} and {@code /assets/...} from the jar, an agreement's own label files as the node does
 * ({@link AgreementCatalog#labels}), the agreement as the node serialises it, the messages it was
 * given, and the typed obligations that the core's protocol engine ({@link ProtocolRegime}) folds
 * from them. A submitted message is checked against its type's schema (the core's
 * {@code MessageSchema}), answered 400 naming the field as the node does, and recorded.
 */
final class ApiStub implements AutoCloseable {
  static final String TOKEN = "vt_stub-operator";
  private static final String WEB = "/dev/verity/node/web/";
  private static final ObjectMapper JSON = CanonicalJson.mapper();

  final List<JsonNode> submitted = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final Agreement agreement;
  private final List<ObjectNode> messages = new ArrayList<>();
  private final boolean typedObligations;
  private Instant asOf = Instant.EPOCH;

  /**
   * A stand-in for a node of {@code party} under {@code agreement}; {@code typedObligations}
   * false answers as a node that has no protocol obligations yet (an empty list).
   */
  ApiStub(Agreement agreement, boolean typedObligations) throws IOException {
    this.agreement = agreement;
    this.typedObligations = typedObligations;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  /** A logged message: entry {@code party #index} of {@code type} at {@code at}. */
  ApiStub message(String party, long index, String type, Instant at, ObjectNode fields) {
    ObjectNode body = fields.deepCopy();
    body.put("type", type);
    body.put("party", party);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("createdAt", at.toString());
    entry.put("clientId", party + "-" + index);
    entry.set("body", body);
    ObjectNode m = JSON.createObjectNode();
    m.put("party", party);
    m.put("index", index);
    m.put("direction", party.equals("US") ? "out" : "in");
    m.put("type", type);
    m.put("status", "cosigned");
    m.set("entry", entry);
    messages.add(m);
    asOf = at.isAfter(asOf) ? at : asOf;
    return this;
  }

  /**
   * The obligations of every declared protocol, folded by the core's engine as of the last step.
   */
  private ArrayNode obligations() {
    ArrayNode out = JSON.createArrayNode();
    if (!typedObligations) {
      return out;
    }
    Set<String> parties = agreement.parties().stream().map(Party::id).collect(Collectors.toSet());
    for (var p : agreement.protocols()) {
      ProtocolRegime regime = new ProtocolRegime(agreement, p);
      var state = regime.empty();
      for (ObjectNode m : messages) {
        if (!regime.types().contains(m.path("type").asText())) {
          continue;
        }
        ObjectNode fields = ((ObjectNode) m.path("entry").path("body")).deepCopy();
        fields.remove(List.of("type", "party"));
        Validation v = agreement.messageType(m.path("type").asText()).orElseThrow().schema()
            .validate(fields, parties);
        Step step = new Step(new EntryRef(m.path("party").asText(), m.path("index").asLong()),
            Instant.parse(m.path("entry").path("createdAt").asText()), m.path("type").asText(),
            v.fields());
        if (regime.apply(state, step) instanceof Outcome.Next<ProtocolState> next) {
          state = next.state(); // a refused step changes nothing
        }
      }
      for (Obligation o : regime.obligations(state, asOf)) {
        out.add(JSON.valueToTree(o));
      }
    }
    return out;
  }

  private void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    try (x) {
      if (path.startsWith("/api/v1/")) {
        api(x, path);
        return;
      }
      byte[] body = asset(path);
      if (body == null) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      String ext = path.equals("/") ? "html" : path.substring(path.lastIndexOf('.') + 1);
      x.getResponseHeaders().set("Content-Type", Map.of("html", "text/html; charset=utf-8", "js",
          "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg",
              "image/svg+xml")
          .getOrDefault(ext, "application/json; charset=utf-8"));
      x.getResponseHeaders().set("Content-Security-Policy", DashboardRoutes.CSP);
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
    }
  }

  private static byte[] asset(String path) throws IOException {
    String[] labels = path.startsWith("/assets/i18n/agreement/") ? path.split("/") : null;
    if (labels != null && labels.length == 6) {
      var r = AgreementCatalog.labels(labels[4], labels[5].replace(".json", ""));
      if (r.isEmpty()) {
        return null;
      }
      try (Reader in = r.get()) {
        StringWriter w = new StringWriter();
        in.transferTo(w);
        return w.toString().getBytes(StandardCharsets.UTF_8);
      }
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    if (name.contains("..")) {
      return null;
    }
    try (InputStream in = ApiStub.class.getResourceAsStream(WEB + name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private void api(HttpExchange x, String path) throws IOException {
    if (!("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"))) {
      answer(x, 401, JSON.createObjectNode().put("error", "unknown token"));
      return;
    }
    switch (path) {
      case "/api/v1/session" -> answer(x, 200, JSON.valueToTree(Map.of("party", "US", "role",
          "operator", "agreement", agreement.id(), "actor", "stub", "peers", List.of("RU"))));
      case "/api/v1/agreement" -> answer(x, 200, JSON.valueToTree(agreement));
      case "/api/v1/agreements" -> answer(x, 200, JSON.valueToTree(Map.of("party", "US",
          "agreements", List.of(Map.of("id", agreement.id(), "title", agreement.title(),
              "role", "party", "peers", List.of("RU"))))));
      case "/api/v1/messages" -> {
        if (x.getRequestMethod().equals("POST")) {
          submit(x);
        } else {
          answer(x, 200, JSON.createObjectNode().set("messages", JSON.valueToTree(messages)));
        }
      }
      case "/api/v1/obligations" -> answer(x, 200,
          JSON.createObjectNode().set("obligations", obligations()));
      default -> answer(x, 404, JSON.createObjectNode().put("error", "not in the stub: " + path));
    }
  }

  private void submit(HttpExchange x) throws IOException {
    JsonNode req = JSON.readTree(x.getRequestBody());
    var type = agreement.messageType(req.path("type").asText());
    Set<String> parties = agreement.parties().stream().map(Party::id).collect(Collectors.toSet());
    Validation v = type.orElseThrow().schema().validate(req.path("message"), parties);
    if (!v.errors().isEmpty()) {
      FieldError e = v.errors().get(0);
      answer(x, 400, JSON.createObjectNode().put("error", e.problem())
          .put("field", "message" + (e.path().isEmpty() ? "" : "." + e.path())));
      return;
    }
    submitted.add(req);
    answer(x, 201, JSON.valueToTree(Map.of("party", "US", "index", 100 + submitted.size(),
        "leafHash", "00", "clientId", req.path("clientId").asText(), "duplicate", false)));
  }

  private static void answer(HttpExchange x, int status, JsonNode body) throws IOException {
    byte[] b = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
