package dev.verity.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.BoundedInstants;
import dev.verity.core.message.JsonProblems;
import dev.verity.node.clock.ExerciseClock;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.federation.PeerError;
import dev.verity.node.federation.PeerErrors;
import dev.verity.node.federation.PeerErrors.Last;
import dev.verity.node.identity.ApiCertificate;
import dev.verity.node.identity.PinnedTls;
import dev.verity.node.module.NodeModules;
import dev.verity.node.module.NodeQueries;
import dev.verity.node.module.RegimeModule;
import dev.verity.node.module.RegimeModule.Bound;
import dev.verity.node.module.Route;
import dev.verity.node.entry.EntryReading;
import dev.verity.node.module.Route.Role;
import dev.verity.node.verify.StorageCorruptException;
import dev.verity.node.verify.TreeView;
import dev.verity.node.verify.VerifiedLog;
import dev.verity.node.verify.VerifiedLog.Head;
import dev.verity.tlog.storage.TreeHead;
import dev.verity.core.agreement.Party;
import dev.verity.core.lifecycle.LifecycleRegime;
import dev.verity.core.lifecycle.Standing;
import dev.verity.core.regime.Obligation;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.projection.Owed;
import dev.verity.node.store.Records.Cosignature;
import dev.verity.node.store.Records.MessageRow;
import dev.verity.node.store.Records.PeerPosition;
import dev.verity.node.store.Records.AuditQuery;
import dev.verity.node.store.Records.TokenRow;
import dev.verity.node.store.StoreException;
import dev.verity.node.submit.SubmitException;
import dev.verity.node.submit.Submitter;
import dev.verity.node.submit.SubmitRequest;
import dev.verity.node.submit.Submitted;
import dev.verity.tlog.checkpoint.Checkpoint;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.proof.TlogProof;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator REST API under {@code /api/v1} (described by {@code /api/v1/openapi.json}).
 * Every call but the description needs {@code Authorization: Bearer <token>}; submitting needs
 * the operator role. Listens on 127.0.0.1 by default, plain HTTP, or TLS with the node's own
 * certificate when {@code apiTls} is set (docs/user/node.md).
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
  /** The node's own routes (the modules add theirs): method and path in OpenAPI syntax. */
  static final List<String> CORE_ROUTES = List.of("GET /api/v1/openapi.json",
      "GET /api/v1/session", "GET /api/v1/agreement", "GET /api/v1/agreements",
      "GET /api/v1/agreements/{id}",
      "POST /api/v1/messages",
      "GET /api/v1/messages", "GET /api/v1/messages/{party}/{index}", "GET /api/v1/obligations",
      "GET /api/v1/log", "GET /api/v1/alarms", "GET /api/v1/problems", "GET /api/v1/audit",
      "POST /api/v1/exercise/clock");

  /**
   * Every route, for the OpenAPI test: the node's own, the dashboard's and each module's in
   * {@link NodeModules#ALL}.
   */
  public static final List<String> ROUTES = Stream.of(CORE_ROUTES, OpsRoutes.ROUTES,
      DashboardRoutes.ROUTES,
      NodeModules.routes().stream().map(Route::signature).toList())
      .flatMap(List::stream).toList();

  private final Javalin app;
  private final ScopedNode node;
  private final String scheme;

  /** What the modules run in the background, closed with the server. */
  private final List<AutoCloseable> running;

  private ApiServer(Javalin app, ScopedNode node, String scheme, List<AutoCloseable> running) {
    this.app = app;
    this.node = node;
    this.scheme = scheme;
    this.running = running;
  }

  /**
   * Serves {@code served}: the operator tokens are the node's (its home agreement's store);
   * every other route reads the agreement of the request ({@link ScopedNode}).
   */
  public static ApiServer start(ServedNode served) {
    var c = served.config();
    var tls = !c.apiTls() ? null : c.apiCertificate() == null
        ? PinnedTls.context(served.identity(), Set::of)
        : ApiCertificate.context(c.apiCertificate().in(served.dir()).certificate(),
            c.apiCertificate().in(served.dir()).key());
    if (tls == null && !loopback(c.apiHost())) {
      LOG.warn("the operator API listens on {} in plain HTTP: tokens cross the network in clear;"
          + " set apiTls: true in node.yaml, or listen on 127.0.0.1 behind a TLS proxy"
          + " (docs/user/node.md)", c.apiHost());
    }
    ApiServer[] self = new ApiServer[1];
    ScopedNode node = new ScopedNode(served);
    Map<String, List<Bound>> bound = bindEach(served, node);
    Javalin app = Http.create(c.apiHost(), c.apiPort(), tls, false, c.maxRequestBytes(),
        c.connectionLimits(), 0, cfg -> {
      cfg.routes.before("/api/v1/*", ctx -> authenticate(served, ctx));
      cfg.routes.before("/api/v1/*", node::enter); // after authentication: no names to strangers
      cfg.routes.after(ctx -> node.leave());
      cfg.routes.get("/api/v1/openapi.json", ApiServer::openapi);
      cfg.routes.get("/api/v1/agreements", ctx -> Http.json(ctx, 200, agreements(node)));
      cfg.routes.get("/api/v1/session", ctx -> self[0].session(ctx));
      cfg.routes.get("/api/v1/agreement", ctx -> Http.json(ctx, 200, node.agreement()));
      cfg.routes.get("/api/v1/agreements/{id}",
          ctx -> AgreementSchemaView.serve(ctx, node.agreement(),
              node.projections().provisions().life(AsOf.instant(ctx, node.clock()))));
      cfg.routes.post("/api/v1/messages", ctx -> self[0].submit(ctx));
      cfg.routes.get("/api/v1/messages", ctx -> self[0].list(ctx));
      cfg.routes.get("/api/v1/messages/{party}/{index}", ctx -> self[0].one(ctx));
      cfg.routes.get("/api/v1/obligations", ctx -> self[0].obligations(ctx));
      cfg.routes.get("/api/v1/log", ctx -> self[0].logView(ctx));
      cfg.routes.get("/api/v1/alarms", ctx -> Http.json(ctx, 200, Http.object("total",
          node.store().countAlarms(), "alarms", node.store().alarms(offset(ctx), limit(ctx)))));
      cfg.routes.get("/api/v1/problems", ctx -> Http.json(ctx, 200, Http.object("total",
          node.projections().problemCount(),
          "problems", node.projections().problems(offset(ctx), limit(ctx)))));
      cfg.routes.get("/api/v1/audit", ctx -> {
        requireRole(ctx, Tokens.OPERATOR);
        Http.json(ctx, 200, node.store().auditTrail(auditQuery(ctx)));
      });
      cfg.routes.post("/api/v1/exercise/clock", ctx -> self[0].advanceClock(ctx));
      List<Bound> home = bound.get(served.agreements().get(0));
      for (int i = 0; i < home.size(); i++) {
        for (Route r : home.get(i).routes()) {
          register(cfg, dispatched(bound, node, i, r));
        }
      }
      OpsRoutes.register(cfg, served);
      DashboardRoutes.register(cfg, node); // the web dashboard: static pages at /, its own routes
    });
    self[0] = new ApiServer(app, node, tls == null ? "http" : "https", bound.values().stream()
        .flatMap(List::stream).map(Bound::running).toList());
    try {
      Http.start(app);
    } catch (RuntimeException e) {
      self[0].close(); // stops what the modules started
      throw e;
    }
    return self[0];
  }

  /**
   * Every module bound in each agreement of the node, to that agreement's part: a module's
   * background work runs in whichever agreement declares its provision (the military line in a
   * node whose home agreement is another), not only in the home one.
   */
  private static Map<String, List<Bound>> bindEach(ServedNode served,
      ScopedNode node) {
    Map<String, List<Bound>> out = new LinkedHashMap<>();
    for (String a : served.agreements()) {
      NodeQueries q = new ModuleQueries(served.in(a).orElseThrow(),
          (ctx, r) -> submitted(ctx, node, r));
      out.put(a, NodeModules.ALL.stream().map(m -> m.bind(q)).toList());
    }
    return out;
  }

  /**
   * Module {@code module}'s route {@code r}, answered by that module as bound in the request's
   * agreement ({@code ?agreement=}, the home one by default).
   */
  private static Route dispatched(Map<String, List<Bound>> bound, ScopedNode node,
      int module, Route r) {
    return new Route(r.method(), r.path(), r.role(), ctx -> {
      for (Route x : bound.get(node.at().agreement().id()).get(module).routes()) {
        if (x.signature().equals(r.signature())) {
          x.handler().handle(ctx);
          return;
        }
      }
      throw new Http.ApiError(404, null, r.signature() + ": not served in agreement "
          + node.at().agreement().id());
    });
  }

  /** Whether {@code host} is this machine only (a literal or a name that resolves there). */
  static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A module's route, behind the role it needs. */
  private static void register(JavalinConfig cfg, Route r) {
    Handler h = r.role() == Role.OPERATOR ? ctx -> {
      requireRole(ctx, Tokens.OPERATOR);
      r.handler().handle(ctx);
    } : r.handler();
    if (r.method().equals("POST")) {
      cfg.routes.post(r.path(), h);
    } else {
      cfg.routes.get(r.path(), h);
    }
  }

  static void authenticate(ServedNode node, Context ctx) throws StoreException {
    // answers are data for a program, never a page to sniff or a copy to keep
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Cache-Control", "no-store");
    Http.requireLength(ctx, node.config().maxRequestBytes());
    if (ctx.path().equals("/api/v1/openapi.json")) {
      return;
    }
    String h = ctx.header("Authorization");
    // RFC 9110 §11.1: the authentication scheme is case-insensitive
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new Http.ApiError(401, "Authorization", "an API token is required: Authorization: Bearer <token>");
    }
    TokenRow t = Tokens.check(node.store(), h.substring(7).trim()).orElse(null);
    if (t == null) {
      SignInAudit.refused(node.store(), ctx.ip(), ctx.path());
      throw new Http.ApiError(401, "Authorization", "unknown API token");
    }
    ctx.attribute("role", t.role());
    ctx.attribute("actor", "token:" + t.name());
  }

  static void requireRole(Context ctx, String role) {
    if (!role.equals(ctx.attribute("role"))) {
      throw new Http.ApiError(403, null, "this needs the " + role + " role");
    }
  }

  private static void openapi(Context ctx) throws IOException {
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      ctx.contentType("application/json").result(in.readAllBytes());
    }
  }

  private void session(Context ctx) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("party", node.config().party());
    m.put("agreement", node.agreement().id());
    m.put("agreements", node.agreements());
    m.put("role", ctx.attribute("role"));
    m.put("actor", ctx.attribute("actor"));
    m.put("peers", node.config().peers().stream().map(PeerConfig::party).toList());
    if (node.config().exercise()) {
      m.put("exercise", Http.object("now", node.clock().instant(),
          "start", node.config().exerciseStart()));
    }
    Http.json(ctx, 200, m);
  }

  /** {@code POST /api/v1/exercise/clock {"advanceTo": INSTANT}}: moves an exercise node's clock forward (audited). */
  private void advanceClock(Context ctx) throws Exception {
    requireRole(ctx, Tokens.OPERATOR);
    if (!(node.clock() instanceof ExerciseClock clock)) {
      throw new Http.ApiError(404, null, "not an exercise node (verity node init --exercise)");
    }
    JsonNode body = Http.jsonObject(ctx, "advanceTo");
    Instant to = BoundedInstants.parseInstant(body.path("advanceTo").asText(null));
    if (to == null) {
      throw new Http.ApiError(400, "advanceTo", "required: " + JsonProblems.INSTANT);
    }
    Instant end = exerciseEnd(node);
    if (to.isAfter(end)) {
      throw new Http.ApiError(400, "advanceTo", "at most " + end + ": the agreement ends on "
          + node.agreement().endsOn() + " and an exercise runs at most " + EXERCISE_MARGIN.toDays()
          + " days beyond it");
    }
    Instant was = clock.instant();
    try {
      clock.advanceTo(to);
    } catch (IllegalArgumentException e) {
      throw new Http.ApiError(409, "advanceTo", e.getMessage());
    }
    node.store().audit(ctx.attribute("actor"), "exercise-clock", was + " -> " + to);
    Http.json(ctx, 200, Http.object("now", clock.instant(), "was", was));
  }

  /** How far beyond its agreement's end an exercise clock may go: its last deadlines, a margin. */
  static final Duration EXERCISE_MARGIN = Duration.ofDays(366);

  /**
   * The latest instant an exercise clock may show: the agreement's end (or 100 years after its
   * entry into force), plus the margin.
   */
  static Instant exerciseEnd(ServedNode node) {
    var a = node.agreement();
    LocalDate ends = a.endsOn() != null ? a.endsOn() : a.entryIntoForce().plusYears(100);
    return ends.atStartOfDay().toInstant(ZoneOffset.UTC).plus(EXERCISE_MARGIN);
  }

  private void submit(Context ctx) throws Exception {
    requireRole(ctx, Tokens.OPERATOR);
    JsonNode body = Http.jsonObject(ctx, "clientId", "type", "message");
    SubmitRequest r = new SubmitRequest(Http.text(body, "clientId"), Http.text(body, "type"),
        body.get("message"));
    submitted(ctx, node, r);
  }


  /** The node's submitter; on a standby, which sequences nothing, a 503 naming why. */
  static Submitter submitter(ServedNode node) {
    Submitter s = node.submitter();
    if (s == null) {
      throw new Http.ApiError(503, null, "this node process is a standby: the active process"
          + " sequences its log; submit there, or again once this one has taken over");
    }
    return s;
  }

  /** Submits {@code r} as the caller and answers with its receipt: 201, or 200 for a client id seen before. */
  static void submitted(Context ctx, ServedNode node, SubmitRequest r) throws IOException {
    Submitted s;
    try {
      s = submitter(node).submit(r, ctx.attribute("actor"));
    } catch (SubmitException e) {
      throw new Http.ApiError(e.status(), e.field(), e.getMessage(), e.refusal());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("party", node.config().party());
    m.put("index", s.index());
    m.put("leafHash", s.leafHash());
    m.put("clientId", s.clientId());
    m.put("duplicate", s.duplicate());
    m.put("entries", s.entries());
    Http.json(ctx, s.duplicate() ? 200 : 201, m);
  }

  /**
   * {@code GET /api/v1/agreements}: the agreements this node takes part in, the home one first,
   * each with this Party's role and the peers it shares it with.
   */
  static Map<String, Object> agreements(ScopedNode node) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServedNode n : node.each()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n.agreement().id());
      m.put("title", n.agreement().title());
      m.put("role", n.agreement().party(n.config().party()).map(Party::role).orElse(null));
      m.put("origin", n.identity().publicIdentity().origin());
      m.put("peers", n.config().peers().stream().map(PeerConfig::party).toList());
      out.add(m);
    }
    return Http.object("party", node.config().party(), "agreements", out);
  }

  /** The node in each agreement the request names: every one for {@code ?agreement=all}. */
  private List<ServedNode> scope(Context ctx) {
    return ScopedNode.all(ctx) ? node.each() : List.of(node.at());
  }

  /** {@code GET /api/v1/messages}, of one agreement or of every one (each marked with it). */
  private void list(Context ctx) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ServedNode n : scope(ctx)) {
      List<Map<String, Object>> one = node.during(n, () -> listOne(ctx));
      if (ScopedNode.all(ctx)) {
        one.forEach(v -> v.put("agreement", n.agreement().id()));
      }
      out.addAll(one);
    }
    Http.json(ctx, 200, Map.of("messages", out));
  }

  private List<Map<String, Object>> listOne(Context ctx) throws Exception {
    String dir = ctx.queryParam("direction");
    if (dir != null && !dir.equals("in") && !dir.equals("out")) {
      throw new Http.ApiError(400, "direction", "in or out");
    }
    String self = node.config().party();
    List<MessageRow> rows = dir == null
        ? node.store().messages(null, false, ctx.queryParam("type"), limit(ctx), LIST_BYTES)
        : node.store().messages(self, dir.equals("in"), ctx.queryParam("type"), limit(ctx),
            LIST_BYTES);
    Receipts rc = receipts();
    // a notification's deadline: the inventory obligation whose subject is its number
    Map<String, Owed> owed = new HashMap<>();
    for (Owed o : node.projections().obligations(rc.firstTimes(), node.clock().instant())) {
      if (!o.type().equals("data-exchange")) {
        owed.put(o.party() + "#" + o.subject(), o);
      }
    }
    Map<String, TreeView> trees = new HashMap<>();
    List<Map<String, Object>> out = new ArrayList<>();
    for (MessageRow r : rows) {
      Map<String, Object> v = view(r, rc, false, verified(trees, r));
      JsonNode number = v.get("entry") instanceof JsonNode e ? e.path("body").path("number") : null;
      var o = number != null && number.isIntegralNumber()
          ? owed.get(r.party() + "#" + number.asLong()) : null;
      if (o != null) {
        v.put("deadline", o.due());
        v.put("deadlineStatus", o.status());
      }
      out.add(v);
    }
    return out;
  }

  /**
   * Whether a stored entry verifies against its Party's signed tree, through one view per Party
   * per request (it caches the tiles it reads); one that does not is listed without its content.
   */
  private boolean verified(Map<String, TreeView> trees, MessageRow r) throws IOException {
    if (r.entry() == null) {
      return true; // listed without its bytes: nothing of it is served
    }
    boolean own = r.party().equals(node.config().party());
    if (!own && !node.mirrors().containsKey(r.party())) {
      return false; // a Party no longer pinned: nothing left to check it against
    }
    TreeView t = trees.get(r.party());
    if (t == null) {
      t = own ? node.verifiedLog().head().tree() : node.mirrorView(r.party());
      trees.put(r.party(), t);
    }
    if (r.index() >= t.head().size()) {
      return false;
    }
    try {
      t.checkEntry("node.db", r.index(), r.entry());
      return true;
    } catch (StorageCorruptException e) {
      return false;
    }
  }

  /** Receipt state, read once per request. */
  record Receipts(Map<String, PeerPosition> peers,
      Map<String, NavigableMap<Long, Long>> firstTimes) {}

  Receipts receipts() throws StoreException {
    return receipts(node);
  }

  static Receipts receipts(ServedNode node) throws StoreException {
    Map<String, PeerPosition> peers = new LinkedHashMap<>();
    Map<String, NavigableMap<Long, Long>> times = new HashMap<>();
    times.put(node.config().party(), node.store().firstCosignatureTimes(node.config().party()));
    for (PeerConfig p : node.config().peers()) {
      peers.put(p.party(), node.store().position(p.party()));
      times.put(p.party(), node.store().firstCosignatureTimes(p.party()));
    }
    return new Receipts(peers, times);
  }

  private Map<String, Object> view(MessageRow r, Receipts rc, boolean full, boolean verified) {
    boolean own = r.party().equals(node.config().party());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("party", r.party());
    m.put("index", r.index());
    m.put("direction", own ? "out" : "in");
    m.put("type", r.type());
    m.put("leafHash", r.leafHash());
    String status;
    if (own) {
      boolean all = !rc.peers().isEmpty() && rc.peers().values().stream().allMatch(p -> p.cosignedSize() > r.index());
      boolean any = rc.peers().values().stream().anyMatch(p -> p.publishedSize() > r.index());
      status = all ? "cosigned" : any ? "published" : "appended";
      Map<String, Object> per = new LinkedHashMap<>();
      rc.peers().forEach((k, v) -> per.put(k, v.cosignedSize() > r.index()));
      m.put("cosignedBy", per);
    } else {
      status = "received";
    }
    var t = rc.firstTimes().getOrDefault(r.party(), new TreeMap<>()).ceilingEntry(r.index() + 1);
    if (t != null) {
      status = own ? status : "cosigned";
      m.put("receivedAt", Instant.ofEpochSecond(t.getValue()));
    }
    m.put("status", status);
    supersession(r, rc).ifPresent(x -> m.putAll(x));
    m.put("storedAt", r.storedAt());
    if (own && r.clientId() != null) {
      m.put("clientId", r.clientId());
    }
    if (r.entry() == null) {
      m.put("entry", null); // beyond the listing's size budget: its own page shows it
      m.put("entryOmitted", true);
      return m;
    }
    if (!verified) {
      // never shown as the Party's word: it does not verify against the signed tree
      m.put("entry", null);
      m.put("storageCorrupt", true);
      return m;
    }
    EntryReading reading = EntryReading.of(r.party(), r.index(), r.entry());
    if (reading.readable()) {
      JsonNode entry = readTree(r.entry());
      m.put("entry", entry);
      standing(r.type(), entry).ifPresent(x -> m.put("standing", x));
    } else {
      m.put("entry", null); // in the log, proven, not counted: listed as what it is
      m.put("unreadable", true);
      m.put("problem", reading.problem());
    }
    if (full) {
      m.put("entryBase64", Base64.getEncoder().encodeToString(r.entry()));
    }
    return m;
  }

  /**
   * A message made while its agreement was not in force as such (suspended, most often): where
   * the agreement stood then, as known then; it is accepted and marked (docs/dev/decisions.md,
   * "Messages under a suspended agreement are accepted and marked"). The life's own entries are
   * not marked: they are what changes the standing.
   */
  private Optional<Standing> standing(String type, JsonNode entry) {
    Instant at = BoundedInstants.parseInstant(entry.path("createdAt").asText(null));
    if (at == null || LifecycleRegime.TYPES.contains(type)) {
      return Optional.empty();
    }
    Standing s = node.projections().provisions().standing(at);
    return s == Standing.IN_FORCE ? Optional.empty() : Optional.of(s);
  }

  /**
   * For a notification corrected later, {@code supersededBy} (the correction, its receipt and
   * reason); for a correction, {@code supersedes} (the entry it corrects and its receipt): the
   * original stays visible, marked, with both entries' receipts.
   */
  private Optional<Map<String, Object>> supersession(MessageRow r, Receipts rc) {
    var times = rc.firstTimes().getOrDefault(r.party(), new TreeMap<>());
    return node.projections().supersession(r.party(), r.index()).map(s -> {
      Map<String, Object> out = new LinkedHashMap<>();
      if (s.supersededBy() != null) {
        out.put("supersededBy", link(s.supersededBy(), times, s.reason()));
      }
      if (s.supersedes() != null) {
        out.put("supersedes", link(s.supersedes(), times, null));
      }
      return out;
    });
  }

  private static Map<String, Object> link(long index, NavigableMap<Long, Long> times,
      String reason) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index", index);
    var t = times.ceilingEntry(index + 1);
    if (t != null) {
      m.put("receivedAt", Instant.ofEpochSecond(t.getValue()));
    }
    if (reason != null) {
      m.put("reason", reason);
    }
    return m;
  }

  private void one(Context ctx) throws Exception {
    String party = ctx.pathParam("party");
    long index;
    try {
      index = Long.parseLong(ctx.pathParam("index"));
    } catch (NumberFormatException e) {
      throw new Http.ApiError(400, "index", "not a number");
    }
    MessageRow r = node.store().message(party, index)
        .orElseThrow(() -> new Http.ApiError(404, null, "no entry " + index + " of " + party));
    String cp;
    TreeView tree;
    if (party.equals(node.config().party())) {
      Head head = node.verifiedLog().head();
      cp = new String(head.checkpoint(), StandardCharsets.UTF_8);
      tree = head.tree();
    } else {
      cp = node.store().position(party).mirroredCheckpoint();
      if (node.mirrors().get(party) == null || cp == null) {
        throw new Http.ApiError(404, null, "no checkpoint of " + party);
      }
      tree = checkpointView(party, Checkpoint.parse(SignedNote.parse(cp).text()));
    }
    if (index >= tree.head().size()) {
      throw new Http.ApiError(409, null, "entry not yet covered by a checkpoint");
    }
    InclusionProof proof;
    try {
      proof = tree.inclusion("node.db", index, r.entry()); // verified before it is given out
    } catch (StorageCorruptException e) {
      throw new Http.ApiError(500, null, "storage corrupt: " + e.getMessage()
          + " (the node raised a storage-corrupt alarm; verity node check names every problem)");
    }
    Map<String, Object> m = view(r, receipts(), true, true);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("index", proof.index());
    p.put("treeSize", proof.treeSize());
    p.put("path", proof.path().stream().map(Hash::base64).toList());
    p.put("checkpoint", cp);
    p.put("tlogProof", TlogProof.of(proof, cp).format());
    m.put("proof", p);
    Http.json(ctx, 200, m);
  }

  private static JsonNode readTree(byte[] entry) {
    try {
      return CanonicalJson.mapper().readTree(entry);
    } catch (IOException e) {
      throw new IllegalStateException("a readable entry reads", e); // EntryReading parsed it
    }
  }

  /** A peer's mirror at the size of its signed checkpoint {@code cp}, checked on its root. */
  private TreeView checkpointView(String party, Checkpoint cp) {
    var mirror = node.mirrors().get(party);
    return new TreeView("mirror of " + party, new TreeHead(cp.size(), cp.rootHash()),
        mirror.hashes(cp.size()), node::storageCorrupt);
  }

  /**
   * The notifications' and data exchanges' obligations and the inspections' deadlines, typed
   * (docs/formats/api.md, "Obligations"), as of {@link AsOf}, in {@code Obligation.ORDER}.
   */
  /** {@code GET /api/v1/obligations}, of one agreement or of every one (each marked with it). */
  private void obligations(Context ctx) throws Exception {
    Instant asOf = AsOf.instant(ctx, node.clock());
    if (!ScopedNode.all(ctx)) {
      Http.json(ctx, 200, Http.object("asOf", asOf, "obligations", obligationsAt(asOf)));
      return;
    }
    List<Object> out = new ArrayList<>();
    for (ServedNode n : node.each()) {
      for (Owed o : node.during(n, () -> obligationsAt(asOf))) {
        ObjectNode v = CanonicalJson.mapper().valueToTree(o);
        v.put("agreement", n.agreement().id());
        out.add(v);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("asOf", asOf);
    m.put("obligations", out);
    Http.json(ctx, 200, m);
  }

  private List<Owed> obligationsAt(Instant asOf) throws StoreException {
    return owed(node, asOf);
  }

  /** Every obligation of every regime as of {@code asOf}, in {@link Obligation#ORDER}. */
  static List<Owed> owed(ServedNode node, Instant asOf) throws StoreException {
    List<Owed> all =
        new ArrayList<>(node.projections().obligations(receipts(node).firstTimes(), asOf));
    all.addAll(node.projections().provisions()
        .judged(node.projections().inspections().obligations(asOf), asOf));
    all.addAll(node.projections().provisions().obligations(asOf));
    all.sort(Comparator.comparing(Owed::obligation, Obligation.ORDER));
    return all;
  }

  private void logView(Context ctx) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("party", node.config().party());
    m.put("origin", node.identity().publicIdentity().origin());
    byte[] file = node.logStorage().readCheckpoint().orElse(null);
    if (file != null) {
      m.put("checkpoint", new String(file, StandardCharsets.UTF_8));
      m.put("size", Checkpoint.parse(SignedNote.parse(file).text()).size());
    }
    List<Map<String, Object>> peers = new ArrayList<>();
    long now = node.clock().instant().getEpochSecond();
    for (PeerConfig p : node.config().peers()) {
      PeerPosition pos = node.store().position(p.party());
      Map<String, Object> v = new LinkedHashMap<>();
      v.put("party", p.party());
      v.put("publishedSize", pos.publishedSize());
      v.put("cosignedSize", pos.cosignedSize());
      // received and folded: the mirror commits a batch just before the projections fold it, so
      // a client that waits for this size and then reads the projections finds the batch there
      v.put("mirroredSize", Math.min(pos.mirroredSize(), node.projections().nextIndex(p.party())));
      v.put("lastContact", pos.lastContact());
      // for the dashboard's "peer silent too long": own entries waiting for this peer's receipt, and since when
      long waiting = Math.max(0, m.containsKey("size") ? (long) m.get("size") - pos.cosignedSize() : 0);
      v.put("awaitingReceipt", waiting);
      v.put("silentSeconds", pos.lastContact() == null ? null : now - pos.lastContact().getEpochSecond());
      Cosignature c = node.store().latestCosignature(node.config().party(), p.party()).orElse(null);
      if (c != null) {
        v.put("latestCosignature", Http.object("size", c.size(),
            "time", Instant.ofEpochSecond(c.cosignedAt()), "ageSeconds", now - c.cosignedAt(),
            "line", c.line()));
      }
      v.put("lastError", node.peerErrors().last(p.party()).map(ApiServer::lastError)
          .orElse(null));
      peers.add(v);
    }
    m.put("peers", peers);
    // the first page of each: the full lists are GET /api/v1/alarms and /api/v1/problems
    m.put("alarmCount", node.store().countAlarms());
    m.put("alarms", node.store().alarms(0, LOG_PAGE));
    m.put("problemCount", node.projections().problemCount());
    m.put("problems", node.projections().problems(0, LOG_PAGE));
    Http.json(ctx, 200, m);
  }

  /**
   * A peer's last error: its kind ({@code tls-pin-mismatch}, {@code refused}, {@code http}...),
   * the HTTP status if any, the detail in words, when, and whether it still stands.
   */
  private static Map<String, Object> lastError(Last l) {
    PeerError e = l.error();
    return Http.object("kind", e.kind().wire(), "status", e.status(), "detail", e.detail(),
        "time", e.at(), "ongoing", l.ongoing());
  }

  private static final int MAX_LIMIT = 10_000;

  /**
   * How many bytes of entries one listing carries at most (newest first); older rows beyond it
   * are listed without their entry. 3,000 entries of 60 KB would otherwise be 180 MB in one answer.
   */
  static final long LIST_BYTES = 8L << 20;

  /** How many alarms and problems {@code GET /api/v1/log} carries: it is read every few seconds. */
  static final int LOG_PAGE = 20;

  /** {@code ?before=ID&actor=&action=&since=&until=&limit=}: a page of the audit trail. */
  private static AuditQuery auditQuery(Context ctx) {
    String before = ctx.queryParam("before");
    long id;
    try {
      id = before == null ? 0 : Long.parseLong(before);
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 0) {
      throw new Http.ApiError(400, "before", "an audit record id (a positive whole number)");
    }
    return new AuditQuery(id, ctx.queryParam("actor"), ctx.queryParam("action"),
        instantParam(ctx, "since"), instantParam(ctx, "until"), limit(ctx));
  }

  private static Instant instantParam(Context ctx, String name) {
    String v = ctx.queryParam(name);
    Instant t = v == null ? null : BoundedInstants.parseInstant(v);
    if (v != null && t == null) {
      throw new Http.ApiError(400, name, JsonProblems.INSTANT);
    }
    return t;
  }

  private static int limit(Context ctx) {
    String l = ctx.queryParam("limit");
    int n;
    try {
      n = l == null ? 100 : Integer.parseInt(l);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX_LIMIT) {
      throw new Http.ApiError(400, "limit",
          "a whole number from 1 to " + MAX_LIMIT + ", not '" + l + "'");
    }
    return n;
  }

  private static int offset(Context ctx) {
    String o = ctx.queryParam("offset");
    try {
      return o == null ? 0 : Math.max(0, Integer.parseInt(o));
    } catch (NumberFormatException e) {
      throw new Http.ApiError(400, "offset", "not a number");
    }
  }

  public int port() {
    return Http.port(app);
  }

  public String url() {
    return scheme + "://" + node.config().apiHost() + ":" + port() + "/";
  }

  @Override
  public void close() {
    for (AutoCloseable r : running) {
      try {
        r.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(ApiServer.class).warn("a module did not stop cleanly: {}",
            e.toString());
      }
    }
    app.stop();
  }
}
