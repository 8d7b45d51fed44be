package dev.verity.node.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.agreement.Party;
import dev.verity.core.message.JsonProblems;
import dev.verity.node.identity.PublicIdentity;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code DIR/node.yaml}: who this node is and where it listens. The operator API listens on
 * {@code apiHost:apiPort} (plain HTTP bound to 127.0.0.1 by default, or TLS with
 * {@code apiTls: true}); peers reach {@code peerHost:peerPort}, which is always mutual TLS.
 * Port 0 picks a free port; the chosen ports are written to {@code DIR/run/ports.json}.
 * {@code exerciseStart} set makes an exercise node: its clock starts there and moves only when an
 * operator advances it (runtime.ExerciseClock); null for a node on real time. {@code storage} is
 * where the node keeps its state: {@code sqlite} ({@code DIR/node.db}, the default) or {@code
 * postgresql}, in the database at {@code jdbcUrl} with the password {@code jdbcPassword} names
 * ({@link SecretRef}: never the password itself); docs/user/operate.md. {@code agreements} are
 * the agreements the node takes part in; the first, {@code agreement}, is its home agreement
 * (the one a node from before several agreements served): its data stays in {@code DIR}, the
 * others' in {@code DIR/agreements/<id>/} ({@link #forAgreement}). Each is a bundled one, or for
 * the home agreement the YAML definition {@code agreementFile} names (relative to the node's
 * directory), for an agreement that does not ship with Verity. {@code apiCertificate}, with
 * {@code apiTls}, names the PEM files of the operator API's own certificate and key (an
 * organisation's, {@link ApiCertificateFiles}); without it a TLS API serves the node's own
 * self-signed certificate.
 */
public record NodeConfig(String party, String agreement, String apiHost, int apiPort, boolean apiTls,
    String peerHost, int peerPort, String advertisedUrl, long maxRequestBytes, List<PeerConfig> peers,
    @JsonInclude(JsonInclude.Include.NON_NULL) Instant exerciseStart,
    PeerLimits peerLimits, ConnectionLimits connectionLimits, int verifyMinutes, String storage,
    @JsonInclude(JsonInclude.Include.NON_NULL) String jdbcUrl,
    @JsonInclude(JsonInclude.Include.NON_NULL) SecretRef jdbcPassword,
    @JsonInclude(JsonInclude.Include.NON_NULL) String agreementFile,
    List<String> agreements,
    @JsonInclude(JsonInclude.Include.NON_NULL) ApiCertificateFiles apiCertificate) {

  /** The embedded store: {@code DIR/node.db}. */
  public static final String SQLITE = "sqlite";

  /** A PostgreSQL database at {@link #jdbcUrl}. */
  public static final String POSTGRESQL = "postgresql";

  /** How often, by default, the node re-checks everything it serves against the signed trees. */
  public static final int DEFAULT_VERIFY_MINUTES = 60;

  /** A New START declaration of 1,500 items is about 150 KB of JSON. */
  public static final long DEFAULT_MAX_REQUEST = 1024 * 1024;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public NodeConfig {
    peers = peers == null ? List.of() : List.copyOf(peers);
    peerLimits = peerLimits == null ? PeerLimits.DEFAULTS : peerLimits;
    connectionLimits = connectionLimits == null ? ConnectionLimits.DEFAULTS : connectionLimits;
    verifyMinutes = verifyMinutes == 0 ? DEFAULT_VERIFY_MINUTES : verifyMinutes;
    maxRequestBytes = maxRequestBytes <= 0 ? DEFAULT_MAX_REQUEST : maxRequestBytes;
    apiHost = apiHost == null ? "127.0.0.1" : apiHost;
    peerHost = peerHost == null ? "127.0.0.1" : peerHost;
    storage = storage == null ? SQLITE : storage;
    checkStorage(storage, jdbcUrl, jdbcPassword);
    if (apiCertificate != null && !apiTls) {
      throw new IllegalArgumentException("apiCertificate goes with apiTls: true");
    }
    if (agreement == null && agreements != null && !agreements.isEmpty()) {
      agreement = agreements.get(0);
    }
    agreements = homeFirst(agreement, agreements);
  }

  /** The agreements with the home one first (a node.yaml from before lists none: the home). */
  private static List<String> homeFirst(String home, List<String> list) {
    List<String> out = new ArrayList<>();
    if (home != null) {
      out.add(home);
    }
    if (list != null) {
      list.stream().filter(a -> !out.contains(a)).forEach(out::add);
    }
    return List.copyOf(out);
  }

  /** The storage fields agree: a PostgreSQL URL with postgresql only, a password by reference. */
  private static void checkStorage(String storage, String jdbcUrl, SecretRef jdbcPassword) {
    if (!storage.equals(SQLITE) && !storage.equals(POSTGRESQL)) {
      throw new IllegalArgumentException(
          "storage: expected sqlite or postgresql, not '" + storage + "'");
    }
    if (storage.equals(SQLITE) && (jdbcUrl != null || jdbcPassword != null)) {
      throw new IllegalArgumentException("jdbcUrl and jdbcPassword go with storage: postgresql");
    }
    if (storage.equals(POSTGRESQL)) {
      if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl: storage: postgresql needs a URL of the form"
            + " jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE");
      }
      if (jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
        throw new IllegalArgumentException("jdbcUrl: holds a password; name it in jdbcPassword"
            + " instead ({env: VARIABLE} or {file: PATH}), never in the URL");
      }
    }
  }

  /** A configuration with the default limits. */
  public NodeConfig(String party, String agreement, String apiHost, int apiPort, boolean apiTls,
      String peerHost, int peerPort, String advertisedUrl, long maxRequestBytes,
      List<PeerConfig> peers, Instant exerciseStart) {
    this(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort, advertisedUrl,
        maxRequestBytes, peers, exerciseStart, null, null, 0, null, null, null, null, null, null);
  }

  /** A fresh configuration with defaults. */
  public static NodeConfig defaults(String party, String agreement, int apiPort, int peerPort) {
    return new NodeConfig(party, agreement, "127.0.0.1", apiPort, false, "127.0.0.1", peerPort, null,
        DEFAULT_MAX_REQUEST, List.of(), null);
  }

  /** Whether this is an exercise node (a manual clock from {@link #exerciseStart}). */
  public boolean exercise() {
    return exerciseStart != null;
  }

  public static NodeConfig read(Path dir) throws ConfigException {
    Path f = dir.resolve("node.yaml");
    try {
      NodeConfig c = YAML.readValue(f.toFile(), NodeConfig.class);
      if (c.party() == null || c.agreement() == null) {
        throw new ConfigException(f + ": party and agreements are required");
      }
      return c;
    } catch (FileNotFoundException e) {
      throw new ConfigException(
          f + ": no node here (no node.yaml): create one with 'verity node init'", e);
    } catch (JsonProcessingException e) {
      if (e instanceof JsonMappingException m && m.getPath().stream()
          .anyMatch(r -> "jdbcPassword".equals(r.getFieldName()))) {
        // Jackson's message would quote the value: here, a password written inline
        throw new ConfigException(f + ": jdbcPassword: write {env: NAME} or {file: PATH}; a"
            + " secret is never written in node.yaml", null);
      }
      throw new ConfigException(f + ": " + JsonProblems.describe(e), e);
    } catch (IOException e) {
      Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
      throw new ConfigException(f + ": " + cause.getMessage(), e);
    }
  }

  public void write(Path dir) throws ConfigException {
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve("node.yaml.tmp");
      YAML.writeValue(tmp.toFile(), this);
      Files.move(tmp, dir.resolve("node.yaml"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ConfigException(dir + "/node.yaml: " + e.getMessage(), e);
    }
  }

  /** This configuration with {@code peer} added, replacing any peer of the same party. */
  public NodeConfig withPeer(PeerConfig peer) {
    List<PeerConfig> ps = new ArrayList<>(peers.stream().filter(p -> !p.party().equals(peer.party())).toList());
    ps.add(peer);
    return new NodeConfig(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort, advertisedUrl,
        maxRequestBytes, ps, exerciseStart, peerLimits, connectionLimits, verifyMinutes, storage,
        jdbcUrl, jdbcPassword, agreementFile, agreements, apiCertificate);
  }

  /**
   * This configuration with the peer whose identity is {@code id} pinned at {@code url}: another
   * Party's node, reached over mutual TLS ({@code verity node peer add}), sharing {@code shared}
   * with this node (null: every agreement both are in).
   */
  public NodeConfig withPinnedPeer(PublicIdentity id, String url, List<String> shared) {
    List<String> both = agreements.stream().filter(id.agreements()::contains).toList();
    List<String> list = shared == null ? both : List.copyOf(shared);
    if (list.isEmpty()) {
      throw new IllegalArgumentException("--identity: a node of " + id.agreements()
          + ", this one takes part in " + agreements + ": no agreement in common");
    }
    for (String a : list) {
      if (!agreements.contains(a)) {
        throw new IllegalArgumentException("--agreements: this node is not in " + a
            + " (it is in " + agreements + ")");
      }
    }
    if (id.party().equals(party)) {
      throw new IllegalArgumentException("--identity: that is this node's own Party");
    }
    if (!url.startsWith("https://")) {
      throw new IllegalArgumentException("--url: peers talk over mutual TLS: https://...");
    }
    // kept as seen in a shared agreement: the file names no agreement this node is not in
    return withPeer(new PeerConfig(url, id.forAgreement(list.get(0)).withAgreements(list), list));
  }

  /** The same for every agreement both nodes are in. */
  public NodeConfig withPinnedPeer(PublicIdentity id, String url) {
    return withPinnedPeer(id, url, null);
  }

  /**
   * This node as it takes part in agreement {@code a}: that agreement only, the peers that share
   * it (each seen in it, {@link PeerConfig#forAgreement}), and for PostgreSQL storage the schema
   * of that agreement ({@link #schemaOf}); the home agreement keeps the database as it is.
   */
  public NodeConfig forAgreement(String a) {
    if (!agreements.contains(a)) {
      throw new IllegalArgumentException("not an agreement of this node: " + a);
    }
    boolean home = a.equals(agreement);
    List<PeerConfig> ps = peers.stream().filter(p -> p.shares(a))
        .map(p -> p.forAgreement(a)).toList();
    String url = home || jdbcUrl == null ? jdbcUrl
        : jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schemaOf(a);
    return new NodeConfig(party, a, apiHost, apiPort, apiTls, peerHost, peerPort, advertisedUrl,
        maxRequestBytes, ps, exerciseStart, peerLimits, connectionLimits, verifyMinutes, storage,
        url, jdbcPassword, home ? agreementFile : null, List.of(a),
        apiCertificate);
  }

  /** The PostgreSQL schema of a non-home agreement: its id in lower case, '-' as '_'. */
  public static String schemaOf(String agreement) {
    return "agreement_" + agreement.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
  }

  /** This configuration taking part in {@code list} (the home agreement stays first). */
  public NodeConfig withAgreements(List<String> list) {
    return new NodeConfig(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort,
        advertisedUrl, maxRequestBytes, peers, exerciseStart, peerLimits, connectionLimits,
        verifyMinutes, storage, jdbcUrl, jdbcPassword, agreementFile, list, apiCertificate);
  }

  /** This configuration with {@code list} as its peers. */
  public NodeConfig withPeers(List<PeerConfig> list) {
    return new NodeConfig(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort,
        advertisedUrl, maxRequestBytes, list, exerciseStart, peerLimits, connectionLimits,
        verifyMinutes, storage, jdbcUrl, jdbcPassword, agreementFile, agreements, apiCertificate);
  }

  /** This configuration with other limits (null: the defaults) and check period. */
  public NodeConfig withLimits(PeerLimits peer, ConnectionLimits connections, int verify) {
    return new NodeConfig(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort,
        advertisedUrl, maxRequestBytes, peers, exerciseStart, peer, connections, verify, storage,
        jdbcUrl, jdbcPassword, agreementFile, agreements, apiCertificate);
  }

  public NodeConfig withPorts(int api, int peer) {
    return new NodeConfig(party, agreement, apiHost, api, apiTls, peerHost, peer, advertisedUrl,
        maxRequestBytes, peers, exerciseStart, peerLimits, connectionLimits, verifyMinutes,
        storage, jdbcUrl, jdbcPassword, agreementFile, agreements, apiCertificate);
  }

  /** This configuration serving the agreement defined in {@code file} (id: {@link #agreement}). */
  public NodeConfig withAgreementFile(String file) {
    return new NodeConfig(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort,
        advertisedUrl, maxRequestBytes, peers, exerciseStart, peerLimits, connectionLimits,
        verifyMinutes, storage, jdbcUrl, jdbcPassword, file, agreements, apiCertificate);
  }

  /**
   * The agreement this node serves: the bundled {@link #agreement}, or the definition in {@link
   * #agreementFile} (resolved against {@code dir}), which must have that id and name {@link
   * #party} among its participants.
   */
  public Agreement agreementDefinition(Path dir) throws ConfigException {
    String where = dir.resolve("node.yaml") + ": ";
    Agreement a;
    try {
      a = agreementFile == null ? AgreementCatalog.get(agreement)
          : AgreementFile.read(dir.resolve(agreementFile));
    } catch (NoSuchFileException e) {
      throw new ConfigException(where + "agreementFile: " + dir.resolve(agreementFile)
          + ": no such file", e);
    } catch (AgreementException | IOException e) {
      throw new ConfigException(where + (agreementFile == null ? "agreement: " : "agreementFile: ")
          + e.getMessage(), e);
    }
    if (!a.id().equals(agreement)) {
      throw new ConfigException(where + "agreementFile: " + agreementFile + " defines '" + a.id()
          + "', but agreement is '" + agreement + "'");
    }
    if (a.party(party).isEmpty()) {
      throw new ConfigException(where + "party: " + party + " is not a participant of " + agreement
          + " " + a.parties().stream().map(Party::id).toList());
    }
    return a;
  }

  /** This configuration serving the operator API over TLS with {@code files}' certificate. */
  public NodeConfig withApiCertificate(ApiCertificateFiles files) {
    return new NodeConfig(party, agreement, apiHost, apiPort, true, peerHost, peerPort,
        advertisedUrl, maxRequestBytes, peers, exerciseStart, peerLimits, connectionLimits,
        verifyMinutes, storage, jdbcUrl, jdbcPassword, agreementFile, agreements, files);
  }

  /** This configuration keeping its state in the PostgreSQL database at {@code url}. */
  public NodeConfig withPostgresql(String url, SecretRef password) {
    return new NodeConfig(party, agreement, apiHost, apiPort, apiTls, peerHost, peerPort,
        advertisedUrl, maxRequestBytes, peers, exerciseStart, peerLimits, connectionLimits,
        verifyMinutes, POSTGRESQL, url, password, agreementFile, agreements, apiCertificate);
  }
}
