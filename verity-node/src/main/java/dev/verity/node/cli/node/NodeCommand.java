package dev.verity.node.cli.node;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.node.cli.agreement.AgreementFiles;
import dev.verity.node.api.Tokens;
import dev.verity.node.build.BuildInfo;
import dev.verity.node.cli.node.BackupCommands.Backup;
import dev.verity.node.cli.node.BackupCommands.Restore;
import dev.verity.node.cli.node.StorageCommands.Check;
import dev.verity.node.cli.node.StorageCommands.Export;
import dev.verity.node.cli.node.StorageCommands.Repair;
import dev.verity.node.config.ApiCertificateFiles;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.PeerConfig;
import dev.verity.node.config.SecretRef;
import dev.verity.node.identity.ApiCertificate;
import dev.verity.node.identity.NodeIdentity;
import dev.verity.node.identity.PublicIdentity;
import dev.verity.node.logging.LogFormat;
import dev.verity.node.logging.LogSetup;
import dev.verity.node.runtime.Node;
import dev.verity.node.runtime.Node.Role;
import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.TokenRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity node init|run|identity|peer add|token create|check|repair|export}: set up and run a
 * Party's node, and check and repair its storage.
 */
@Command(
    name = "node",
    description = "Set up and run a Party's node (docs/user/node.md).",
    mixinStandardHelpOptions = true,
    subcommands = {NodeCommand.Init.class, NodeCommand.Run.class, NodeCommand.Identity.class,
        NodeCommand.Peer.class, AgreementCommands.class, NodeCommand.Token.class,
        Check.class, Repair.class, Export.class,
        Backup.class, Restore.class, KeyCommands.class})
public final class NodeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "init", mixinStandardHelpOptions = true,
      description = "Create a node: keys, node.yaml, state store; prints an operator and a viewer token once.")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--party", required = true, paramLabel = "NAME") String party;
    @Option(names = "--agreement", paramLabel = "NAME|FILE.yaml",
        description = "A bundled agreement, or a YAML definition (docs/formats/agreement.md).")
    String agreement;
    @Option(names = "--agreements", split = ",", paramLabel = "NAME[,NAME...]",
        description = "The agreements the node takes part in; the first is its home agreement"
            + " (it may be a YAML definition; the others are bundled ones).")
    List<String> agreements;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--api-port", defaultValue = "7380", description = "Operator API port (default: ${DEFAULT-VALUE}; 0: any free port).") int apiPort;
    @Option(names = "--peer-port", defaultValue = "7381", description = "Peer (mTLS) port (default: ${DEFAULT-VALUE}; 0: any free port).") int peerPort;
    @Option(names = "--api-host", defaultValue = "127.0.0.1") String apiHost;
    @Option(names = "--peer-host", defaultValue = "127.0.0.1") String peerHost;
    @Option(names = "--exercise", description = "An exercise node: its clock starts at --exercise-start and moves only"
        + " when an operator advances it (POST /api/v1/exercise/clock). Its peers must be exercise nodes too.")
    boolean exercise;
    @Option(names = "--exercise-start", paramLabel = "INSTANT", description = "Where the exercise clock starts"
        + " (ISO instant, e.g. 2020-03-02T00:00:00Z); needs --exercise.")
    Instant exerciseStart;
    @Option(names = "--storage", defaultValue = NodeConfig.SQLITE, paramLabel = "sqlite|postgresql",
        description = "Where the node keeps its state: sqlite (DIR/node.db, the default) or"
            + " postgresql (an empty database at --jdbc-url; docs/user/operate.md).")
    String storage;
    @Option(names = "--jdbc-url", paramLabel = "URL", description = "With --storage postgresql:"
        + " jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE")
    String jdbcUrl;
    @Option(names = "--jdbc-password", paramLabel = "env:VARIABLE|file:PATH", description = "With"
        + " --storage postgresql: where the role's password is (never the password itself).")
    String jdbcPassword;
    @Option(names = "--origin", defaultValue = NodeIdentity.DEFAULT_ORIGIN, paramLabel = "HOST",
        description = "The host name the node's log origins start with: HOST/<agreement>/<party>,"
            + " e.g. treaty.example.gov (default: ${DEFAULT-VALUE}); fixed for the node's life.")
    String origin;
    @Option(names = "--api-cert", paramLabel = "PEM", description = "The operator API serves"
        + " HTTPS with this certificate (PEM; its chain may follow), e.g. the organisation's;"
        + " with --api-key.")
    Path apiCert;
    @Option(names = "--api-key", paramLabel = "PEM", description = "The private key of"
        + " --api-cert (unencrypted PEM, owner-only).")
    Path apiKey;

    @Override
    public Integer call() throws Exception {
      if ((agreement == null) == (agreements == null || agreements.isEmpty())) {
        throw new IllegalArgumentException("give --agreement NAME or --agreements NAME,NAME...");
      }
      List<String> names = agreement != null ? List.of(agreement) : agreements;
      agreement = names.get(0);
      var a = AgreementFiles.agreement(agreement);
      List<String> ids = new ArrayList<>(List.of(a.id()));
      for (String other : names.subList(1, names.size())) {
        ids.add(participant(AgreementCatalog.get(other), party).id());
      }
      participant(a, party);
      if (Files.exists(dir.resolve("node.yaml"))) {
        throw new IllegalArgumentException("--dir " + dir + ": a node is already there");
      }
      if (exercise != (exerciseStart != null)) {
        throw new IllegalArgumentException("--exercise and --exercise-start go together");
      }
      port("--api-port", apiPort);
      port("--peer-port", peerPort);
      NodeIdentity.checkHost("--origin", origin);
      NodeConfig c = storageOf(new NodeConfig(party, a.id(), apiHost, apiPort, false, peerHost,
          peerPort, null, NodeConfig.DEFAULT_MAX_REQUEST, List.of(), exerciseStart),
          storage, jdbcUrl, jdbcPassword).withAgreements(ids);
      c = apiCertificate(c, apiCert, apiKey);
      if (AgreementFiles.isFile(agreement)) {
        // the node reads its definition at every start: a path that does not depend on the cwd
        c = c.withAgreementFile(Path.of(agreement).toAbsolutePath().normalize().toString());
      }
      ownerOnlyDirectory(dir);
      String op;
      String viewer;
      NodeIdentity id;
      // the store first: an unreachable or foreign database leaves no half-made node behind
      try (NodeStore store = NodeStore.open(c, dir)) {
        if (!store.auditTrail(1).isEmpty()) {
          throw new IllegalArgumentException((c.jdbcUrl() == null ? "--dir " + dir + ": node.db"
              : "--jdbc-url " + c.jdbcUrl() + ": that database") + " already holds a node's"
              + " state; give each node an empty one of its own");
        }
        id = NodeIdentity.generate(dir, origin, a.id(), party);
        c.write(dir);
        op = Tokens.create(store, "operator", Tokens.OPERATOR, "cli:init");
        viewer = Tokens.create(store, "viewer", Tokens.VIEWER, "cli:init");
      }
      NodeIdentity.writePublic(id.withAgreements(ids).publicIdentity(),
          dir.resolve("identity.json"));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("node %s (%s) created in %s%n", party, String.join(", ", ids), dir);
      out.printf("origin:         %s%n", id.publicIdentity().origin());
      out.printf("identity file:  %s (give it to each peer)%n", dir.resolve("identity.json"));
      out.printf("operator token: %s%n", op);
      out.printf("viewer token:   %s%n", viewer);
      if (exercise) {
        out.printf("exercise node:  the clock starts at %s and moves only when advanced%n", exerciseStart);
      }
      ended(out, a, exercise ? exerciseStart : Instant.now());
      out.println("(the tokens are shown only now; only their hashes are stored)");
      out.flush();
      return 0;
    }
  }

  /** {@code c} serving HTTPS with the certificate and key given, checked now (none: as is). */
  static NodeConfig apiCertificate(NodeConfig c, Path cert, Path key) {
    if (cert == null && key == null) {
      return c;
    }
    if (cert == null || key == null) {
      throw new IllegalArgumentException("--api-cert and --api-key go together");
    }
    ApiCertificateFiles files = new ApiCertificateFiles(cert.toAbsolutePath().normalize(),
        key.toAbsolutePath().normalize());
    ApiCertificate.context(files.certificate(), files.key()); // refused now, not at the start
    return c.withApiCertificate(files);
  }

  /** {@code a}, which must name {@code party} among its participants. */
  static Agreement participant(Agreement a, String party) {
    if (a.party(party).isEmpty()) {
      throw new IllegalArgumentException("--party " + party + ": not a Party of " + a.id()
          + " (" + a.parties().stream().map(p -> p.id()).toList() + ")");
    }
    return a;
  }

  /** A TCP port: 1-65535, or 0 for any free one. */
  static void port(String option, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " " + port
          + ": a port is a number from 1 to 65535 (or 0: any free port)");
    }
  }

  /** Says so when the agreement has ended on the node's clock: its limits read "expired". */
  static void ended(PrintWriter out, Agreement a, Instant now) {
    LocalDate day = now.atOffset(ZoneOffset.UTC).toLocalDate();
    if (a.endsOn() != null && !day.isBefore(a.endsOn())) {
      out.printf("note:           %s ended on %s (this node's clock is at %s): its limits read"
          + " 'expired' and no exchange is owed after it; for drills of the treaty in force use"
          + " --exercise --exercise-start with a date before %s%n", a.id(), a.endsOn(), day,
          a.endsOn());
    } else if (day.isBefore(a.entryIntoForce())) {
      out.printf("note:           %s enters into force on %s (this node's clock is at %s): no event"
          + " before that day is accepted%n", a.id(), a.entryIntoForce(), day);
    }
  }

  /** {@code c} with the storage the options chose (a user error in plain words if they clash). */
  private static NodeConfig storageOf(NodeConfig c, String storage, String url, String password) {
    if (storage.equals(NodeConfig.SQLITE) && url == null && password == null) {
      return c;
    }
    if (!storage.equals(NodeConfig.SQLITE) && !storage.equals(NodeConfig.POSTGRESQL)) {
      throw new IllegalArgumentException("--storage: sqlite or postgresql, not '" + storage + "'");
    }
    if (storage.equals(NodeConfig.SQLITE)) {
      throw new IllegalArgumentException(
          "--jdbc-url and --jdbc-password go with --storage postgresql");
    }
    SecretRef secret = password == null ? null : SecretRef.parse("--jdbc-password", password);
    try {
      return c.withPostgresql(url, secret);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--" + e.getMessage().replaceFirst("^jdbcUrl", "jdbc-url"), e);
    }
  }

  /** The node's directory: its keys, its store, its log; its owner's only. */
  static void ownerOnlyDirectory(Path dir) throws IOException {
    var owner = PosixFilePermissions.fromString("rwx------");
    try {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(owner));
      Files.setPosixFilePermissions(dir, owner);
    } catch (UnsupportedOperationException e) {
      Files.createDirectories(dir); // not a POSIX file system: its own access rules apply
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Run the node until stopped.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--log-format", paramLabel = "text|json", converter = LogFormatConverter.class,
        description = "The log on standard error: text, or JSON lines (default: text in a "
            + "terminal, "
            + "else json; or $VERITY_LOG_FORMAT).") LogFormat logFormat;

    @Option(names = "--standby", description = "If another process of this node sequences its"
        + " log (PostgreSQL storage), stand by: serve reads, and take over when its writer lock"
        + " frees (docs/user/operate.md, \"The standby\").") boolean standby;

    private static final Logger LOG = LoggerFactory.getLogger(Run.class);

    /** How often a standby checks the writer lock is free, and an active one that it holds it. */
    private static final long POLL_MILLIS = 500;

    @Override
    public Integer call() throws Exception {
      if (logFormat != null) {
        LogSetup.use(logFormat);
      }
      AtomicReference<Node> running = new AtomicReference<>(Node.start(dir, null, standby));
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(
          new Thread(() -> shutDown(running, stop), "verity-shutdown"));
      announce(running.get());
      int code = supervise(running, stop);
      if (code == 0) {
        stop.await();
      }
      return code;
    }

    private static void shutDown(AtomicReference<Node> running, CountDownLatch stop) {
      stop.countDown();
      synchronized (running) {
        Node n = running.getAndSet(null);
        if (n != null) {
          n.close();
        }
      }
    }

    /**
     * A standby waits for the writer lock and reopens the node as active; an active node that
     * loses it steps down and reopens as a standby (without --standby: exit code 3). Returns
     * when the process is stopped.
     */
    private int supervise(AtomicReference<Node> running, CountDownLatch stop) throws Exception {
      while (stop.getCount() > 0) {
        Node node = running.get();
        if (node == null) {
          break;
        } else if (node.role().equals(Role.STANDBY.label())) {
          node.awaitWriterFree(POLL_MILLIS);
        } else if (!lostWriter(node, stop)) {
          break; // stopped
        }
        synchronized (running) {
          if (stop.getCount() == 0) {
            break;
          }
          running.set(null);
          node.close();
          if (!standby) {
            return 3; // fenced, and not asked to stand by: the supervisor restarts it
          }
          // the lock may be taken by another standby first: this one then stands by again
          running.set(reopen(stop));
        }
        if (running.get() == null) {
          break; // stopped while reopening
        }
        announce(running.get());
      }
      return 0;
    }

    /**
     * Opens the node again as a standby (or active, if the lock is free by then); a start that
     * fails (the database still restarting, the API port not yet released by the node just
     * closed) is retried every second rather than ending the process. Null once stopped.
     */
    private Node reopen(CountDownLatch stop) throws InterruptedException {
      while (!stop.await(0, TimeUnit.MILLISECONDS)) {
        try {
          return Node.start(dir, null, true);
        } catch (Exception e) {
          LOG.error("reopening the node after it stepped down failed: {}; trying again in 1 s",
              e.getMessage());
          stop.await(1, TimeUnit.SECONDS);
        }
      }
      return null;
    }

    /**
     * Waits while the active node holds its writer locks: true once one is lost (the node is
     * fenced and steps down), false when the process is stopped.
     */
    private static boolean lostWriter(Node node, CountDownLatch stop) throws InterruptedException {
      while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        Optional<String> lost = node.writerLost();
        if (lost.isPresent()) {
          LOG.error("this process lost the log's writer lock ({}): it steps down", lost.get());
          return true;
        }
      }
      return false;
    }

    private void announce(Node node) {
      PrintWriter out = spec.commandLine().getOut();
      out.printf("node %s running%s: api %s://%s:%d/ peer https://%s:%d/ (%s)%n",
          node.config().party(), node.peerPort() < 0 ? " as standby" : "",
          node.config().apiTls() ? "https" : "http", node.config().apiHost(), node.apiPort(),
          node.config().peerHost(), node.peerPort(), BuildInfo.current().describe());
      out.flush();
    }
  }

  @Command(name = "identity", mixinStandardHelpOptions = true,
      description = "Export the identity file a peer imports (log key, witness key, TLS pin).")
  static final class Identity implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
    @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output).") Path out;

    @Override
    public Integer call() throws Exception {
      NodeConfig c = NodeConfig.read(dir);
      PublicIdentity id = NodeIdentity.load(dir, c.agreement(), c.party())
          .withAgreements(c.agreements()).publicIdentity();
      if (out != null) {
        NodeIdentity.writePublic(id, out);
      } else {
        spec.commandLine().getOut().println(dev.verity.node.json.CanonicalJson.mapper()
            .writerWithDefaultPrettyPrinter().writeValueAsString(id));
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(name = "peer", mixinStandardHelpOptions = true, description = "Manage pinned peers.",
      subcommands = {Peer.Add.class, Peer.ListPeers.class, Peer.Remove.class})
  static final class Peer implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
        description = "Pin a peer from its identity file and its peer URL (a running node takes"
            + " it up within seconds).")
    static final class Add implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
      @Option(names = "--identity", required = true, paramLabel = "FILE") Path identity;
      @Option(names = "--url", required = true, paramLabel = "URL", description = "The peer's peer port, e.g. https://host:7381/") String url;
      @Option(names = "--agreements", split = ",", paramLabel = "NAME[,NAME...]",
          description = "The agreements shared with this peer (default: every agreement both"
              + " nodes are in, by its identity file).")
      List<String> agreements;
      @Option(names = "--replace", description = "Replace the pin of a Party pinned before with"
          + " other keys (a key rotation, a rebuilt node): without it such a change is refused.")
      boolean replace;
      @Option(names = "--backup-url", paramLabel = "URL", description = "A second way to the"
          + " same peer port, used once --url has not answered for --switch-after seconds.")
      String backupUrl;
      @Option(names = "--switch-after", paramLabel = "SECONDS", description = "How long --url"
          + " may not answer before the node switches or says the line is down (default 60).")
      Integer switchAfter;

      @Override
      public Integer call() throws Exception {
        NodeConfig c = NodeConfig.read(dir);
        PublicIdentity id = NodeIdentity.readPublic(identity);
        PeerConfig old = c.peers().stream().filter(p -> p.party().equals(id.party()))
            .findFirst().orElse(null);
        boolean rekeyed = old != null && !sameKeys(old.identity(), id);
        if (rekeyed && !replace) {
          throw new IllegalArgumentException("--identity: " + id.party() + " is pinned with TLS"
              + " key sha256/" + old.identity().tlsPin() + "; this file has other keys (TLS"
              + " sha256/" + id.tlsPin() + "). Check it with the peer's operator, then give"
              + " --replace to pin the new keys");
        }
        c = c.withPinnedPeer(id, url, agreements);
        if (backupUrl != null || switchAfter != null) {
          PeerConfig pinned = c.peers().get(c.peers().size() - 1); // withPeer adds it last
          c = c.withPeer(pinned.withBackup(backupUrl, switchAfter));
        }
        c.write(dir);
        try (NodeStore store = NodeStore.open(c, dir)) {
          store.audit("cli", rekeyed ? "peer-replace" : "peer-add", id.party() + " " + url
              + " pin " + id.tlsPin() + (rekeyed ? " (was " + old.identity().tlsPin() + ")" : ""));
        }
        if (rekeyed) {
          spec.commandLine().getErr().printf("warning: %s's pin replaced: TLS key sha256/%s"
              + " (was sha256/%s); its log and witness keys change with it%n", id.party(),
              id.tlsPin(), old.identity().tlsPin());
          spec.commandLine().getErr().flush();
        }
        List<String> shared = c.peers().stream().filter(p -> p.party().equals(id.party()))
            .findFirst().orElseThrow().agreements();
        spec.commandLine().getOut().printf("peer %s pinned (TLS key sha256/%s) at %s for %s%n",
            id.party(), id.tlsPin(), url, String.join(", ", shared));
        spec.commandLine().getOut().flush();
        return 0;
      }

      /** The same node: its TLS, log and witness public keys (the log key's name may differ). */
      private static boolean sameKeys(PublicIdentity a, PublicIdentity b) {
        return a.tlsPin().equals(b.tlsPin()) && a.witnessKey().equals(b.witnessKey())
            && a.forAgreement(b.agreement()).logKey().equals(b.logKey());
      }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the pinned peers: Party, peer URL, TLS pin, agreements shared.")
    static final class ListPeers implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;

      @Override
      public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-8s %-32s %-20s %s%n", "PARTY", "URL", "TLS PIN", "AGREEMENTS");
        for (PeerConfig p : NodeConfig.read(dir).peers()) {
          out.printf("%-8s %-32s sha256/%-13s %s%n", p.party(), p.url(),
              p.identity().tlsPin().substring(0, 12) + "…", String.join(",", p.agreements()));
        }
        out.flush();
        return 0;
      }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Unpin a peer (audited; a running node refuses it within seconds). Its"
            + " mirrors stay on disk, verified as they were.")
    static final class Remove implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
      @Option(names = "--party", required = true, paramLabel = "PARTY") String party;

      @Override
      public Integer call() throws Exception {
        NodeConfig c = NodeConfig.read(dir);
        PeerConfig gone = c.peers().stream().filter(p -> p.party().equals(party)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("--party " + party + ": not pinned"
                + " (verity node peer list --dir " + dir + ")"));
        c = c.withPeers(c.peers().stream().filter(p -> p != gone).toList());
        c.write(dir);
        try (NodeStore store = NodeStore.open(c, dir)) {
          store.audit("cli", "peer-remove", party + " pin " + gone.identity().tlsPin());
        }
        spec.commandLine().getOut().printf("peer %s unpinned (TLS key sha256/%s); a running"
            + " node refuses it within seconds%n", party, gone.identity().tlsPin());
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  @Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
      subcommands = {Token.Create.class, Token.ListTokens.class, Token.Revoke.class})
  static final class Token implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a token; prints it once.")
    static final class Create implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
      @Option(names = "--role", required = true, paramLabel = "operator|viewer") String role;
      @Option(names = "--name", required = true, paramLabel = "NAME") String name;

      @Override
      public Integer call() throws Exception {
        try (NodeStore store = NodeStore.open(NodeConfig.read(dir), dir)) {
          spec.commandLine().getOut().println(Tokens.create(store, name, role, "cli"));
        }
        spec.commandLine().getOut().flush();
        return 0;
      }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the API tokens: name, role, created (no secret is kept to list).")
    static final class ListTokens implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;

      @Override
      public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (NodeStore store = NodeStore.open(NodeConfig.read(dir), dir)) {
          out.printf("%-24s %-9s %s%n", "NAME", "ROLE", "CREATED");
          for (TokenRow t : store.tokens()) {
            out.printf("%-24s %-9s %s%n", t.name(), t.role(), t.createdAt());
          }
        }
        out.flush();
        return 0;
      }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Revoke the tokens named NAME, at once, even while the node runs"
            + " (audited). One named token per person makes this revoke one person.")
    static final class Revoke implements Callable<Integer> {
      @Spec CommandSpec spec;
      @Option(names = "--dir", required = true, paramLabel = "DIR") Path dir;
      @Option(names = "--name", required = true, paramLabel = "NAME") String name;

      @Override
      public Integer call() throws Exception {
        int n;
        try (NodeStore store = NodeStore.open(NodeConfig.read(dir), dir)) {
          n = store.revokeTokens(name, "cli");
        }
        if (n == 0) {
          throw new IllegalArgumentException("--name " + name + ": no such token"
              + " (verity node token list --dir " + dir + ")");
        }
        spec.commandLine().getOut().printf("revoked %d token(s) named '%s'%n", n, name);
        spec.commandLine().getOut().flush();
        return 0;
      }
    }
  }

  /** {@code --log-format}: an unknown name is a user error naming the two choices. */
  static final class LogFormatConverter implements picocli.CommandLine.ITypeConverter<LogFormat> {
    @Override
    public LogFormat convert(String value) {
      try {
        return LogFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
