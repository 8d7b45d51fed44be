package dev.verity.node.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.node.backup.BackupException.Reason;
import dev.verity.node.backup.PgDump.Dumped;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.SecretRef;
import dev.verity.node.json.CanonicalJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A node's online backup and its restore (issue 17; docs/user/operate.md, "Backup and restore").
 *
 * <p>The archive is a ZIP file: every file of the node directory under its relative name, and
 * {@code manifest.json} last, naming each file with its size and SHA-256. The node may be running:
 * each SQLite database is copied with {@code VACUUM INTO} (a transactionally consistent snapshot,
 * SQLite's documented online copy), first; the logs' files after them, each log's checkpoint
 * before its tiles. A log therefore holds at least what the store says it holds, which a node
 * start repairs (own entries durable in the log and missing from the store are indexed again),
 * and every tile a copied checkpoint needs was written before it. A tile the running log replaced
 * meanwhile (a partial tile that became full) can still be missed: the staged copy is checked
 * with the caller's verifier, and taken again, up to {@link #ATTEMPTS} times, until it verifies.
 *
 * <p>Key files ({@code keys/}) are left out unless a passphrase is given; then each is sealed with
 * it ({@link KeySeal}). A restore refuses a non-empty target, checks every hash, opens the sealed
 * keys, and runs the verifier before it reports success: a node is never started from an archive
 * that does not verify.
 *
 * <p>A node whose state is in PostgreSQL: its schemas are dumped by {@code pg_dump} first
 * ({@link PgDump}, one snapshot of the whole store) into {@code postgresql.dump}, then the files
 * on disk are copied as above; the restore needs an empty database ({@link Target}), runs {@code
 * pg_restore} into it, points the restored node.yaml at it, and drops what it restored if the
 * node does not verify.
 */
public final class NodeBackup {
  /** The archive's format, in its manifest. */
  public static final String FORMAT = "verity-backup/v1";
  static final String MANIFEST = "manifest.json";
  /** A PostgreSQL node's database in the archive: pg_dump's custom format. */
  static final String PG_DUMP = "postgresql.dump";
  static final int ATTEMPTS = 5;
  private static final byte[] SQLITE_HEADER =
      "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  /** Checks a node directory against its signed trees: the problems found, none if it verifies. */
  @FunctionalInterface
  public interface Verifier {
    List<String> problems(Path dir) throws Exception;
  }

  /**
   * What a backup holds, as its manifest says; {@code storage} and {@code schemas} name a node in
   * PostgreSQL and the schemas of its dump (absent for SQLite, as in archives from before).
   */
  public record Manifest(String format, String party, String created, boolean keys,
      List<FileEntry> files, @JsonInclude(JsonInclude.Include.NON_NULL) String storage,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> schemas) {
    public Manifest {
      schemas = schemas == null ? List.of() : List.copyOf(schemas);
    }
  }

  /** The database a PostgreSQL node's backup is restored into (must hold no table). */
  public record Target(String jdbcUrl, SecretRef jdbcPassword) {}

  /** One file of the archive. */
  public record FileEntry(String name, long size, String sha256, String kind) {}

  private NodeBackup() {}

  /**
   * Writes the backup of the node in {@code dir} to {@code out} (replaced atomically), with the
   * key files sealed by {@code passphrase}, or without them if it is null.
   */
  public static Manifest write(Path dir, Path out, char[] passphrase, Verifier verifier,
      Clock clock, Consumer<String> progress) throws BackupException, IOException {
    NodeConfig config = config(dir);
    PgDump pg = postgresql(config) ? PgDump.of(config) : null;
    List<String> schemas = pg == null ? List.of() : pg.schemas(config);
    Path stage = Files.createTempDirectory(parent(out), ".verity-backup-");
    try {
      for (int attempt = 1; ; attempt++) {
        Dumped dumped = null;
        if (pg != null) {
          // the database first, as SQLite's: the logs copied after hold at least what it says
          progress.accept("pg_dump of the schemas " + schemas);
          dumped = pg.dump(schemas, stage.resolve(PG_DUMP), config.party(),
              () -> copyCheckpoints(dir, stage));
        }
        List<String> problems = snapshot(dir, stage, progress);
        problems = problems.isEmpty() ? verify(verifier, stage) : problems;
        if (problems.isEmpty() && pg != null) {
          problems = sameSize(stage, dumped);
        }
        if (problems.isEmpty()) {
          break;
        }
        if (attempt == ATTEMPTS) {
          throw new BackupException(Reason.DOES_NOT_VERIFY, "the copy of " + dir
              + " did not verify after " + ATTEMPTS + " attempts: " + problems);
        }
        progress.accept("the copy did not verify (" + problems.get(0) + "); copying again");
        clear(stage);
      }
      Manifest m = new Manifest(FORMAT, config.party(), clock.instant().toString(),
          passphrase != null, List.of(), pg == null ? null : NodeConfig.POSTGRESQL, schemas);
      return archive(stage, out, m, passphrase, progress);
    } finally {
      clear(stage);
      Files.deleteIfExists(stage);
    }
  }

  /** Restores {@code archive} into the empty or missing directory {@code dir}, and verifies it. */
  public static Manifest restore(Path archive, Path dir, char[] passphrase, Verifier verifier,
      Consumer<String> progress) throws BackupException, IOException {
    return restore(archive, dir, null, passphrase, verifier, progress);
  }

  /**
   * The same, a PostgreSQL node's database restored into {@code target} (null for a node in
   * SQLite) and the restored node.yaml pointed at it.
   */
  public static Manifest restore(Path archive, Path dir, Target target, char[] passphrase,
      Verifier verifier, Consumer<String> progress) throws BackupException, IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new BackupException(Reason.REFUSED,
              "--dir " + dir + ": not empty; restore into a new directory");
        }
      }
    }
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    try {
      return restoreInto(archive, dir, target, passphrase, verifier, progress);
    } catch (ZipException e) {
      clear(dir);
      throw new BackupException(Reason.DAMAGED,
          archive + ": the archive is damaged (" + e.getMessage() + ")");
    } catch (BackupException | IOException | RuntimeException e) {
      clear(dir); // it was empty: a failed restore leaves nothing that could be started
      throw e;
    }
  }

  private static Manifest restoreInto(Path archive, Path dir, Target target, char[] passphrase,
      Verifier verifier, Consumer<String> progress) throws BackupException, IOException {
    Manifest m;
    PgDump pg = null;
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      m = manifest(zip, archive);
      pg = database(m, target, archive);
      if (pg != null) {
        pg.requireEmpty(); // before anything is written: a refused database is left as it was
      }
      if (!m.keys()) {
        progress.accept("the backup holds no keys: copy keys/ from the original node into " + dir
            + "/keys before starting it");
      } else if (passphrase == null) {
        throw new BackupException(Reason.REFUSED,
            "the backup's keys are sealed: give --passphrase-file");
      }
      for (FileEntry f : m.files()) {
        extract(zip, f, dir, passphrase);
      }
    }
    try {
      if (pg != null) {
        restoreDatabase(pg, m, dir, target, progress);
      }
      progress.accept("restored " + m.files().size()
          + " files; checking against the signed trees");
      List<String> problems = verify(verifier, dir);
      if (!problems.isEmpty()) {
        throw new BackupException(Reason.DOES_NOT_VERIFY,
            "the restored node in " + dir + " does not verify: " + problems);
      }
      return m;
    } catch (BackupException | IOException | RuntimeException e) {
      if (pg != null) {
        pg.drop(m.schemas()); // as the directory: nothing half-restored left to start
      }
      throw e;
    }
  }

  /** The database to restore into: only for an archive of a PostgreSQL node, which needs one. */
  private static PgDump database(Manifest m, Target target, Path archive)
      throws BackupException {
    boolean pg = NodeConfig.POSTGRESQL.equals(m.storage());
    if (pg && target == null) {
      throw new BackupException(Reason.REFUSED, archive + ": a node whose state"
          + " is in PostgreSQL; give --jdbc-url of an empty database to restore it into");
    }
    if (!pg && target != null) {
      throw new BackupException(Reason.REFUSED, archive + ": a node whose state"
          + " is in SQLite files; --jdbc-url goes with a PostgreSQL node's backup");
    }
    return pg ? PgDump.of(target.jdbcUrl(), target.jdbcPassword()) : null;
  }

  /** pg_restore of the dump, which then leaves the directory; node.yaml names the new database. */
  private static void restoreDatabase(PgDump pg, Manifest m, Path dir, Target target,
      Consumer<String> progress) throws BackupException, IOException {
    Path dump = dir.resolve(PG_DUMP);
    progress.accept("pg_restore of the schemas " + m.schemas() + " into " + target.jdbcUrl());
    try {
      pg.restore(dump);
    } finally {
      Files.deleteIfExists(dump);
    }
    NodeConfig c = config(dir);
    try {
      c.withPostgresql(target.jdbcUrl(), target.jdbcPassword() != null ? target.jdbcPassword()
          : c.jdbcPassword()).write(dir);
    } catch (ConfigException e) {
      throw new BackupException(Reason.REFUSED, e.getMessage());
    }
  }

  private static NodeConfig config(Path dir) throws BackupException {
    try {
      return NodeConfig.read(dir);
    } catch (ConfigException e) {
      throw new BackupException(Reason.REFUSED,
          "--dir " + dir + ": not a node directory: " + e.getMessage());
    }
  }

  private static Path parent(Path out) throws IOException {
    Path p = out.toAbsolutePath().getParent();
    Files.createDirectories(p);
    return p;
  }

  /** Copies the node's files into {@code stage}: databases first, then each log's files. */
  private static List<String> snapshot(Path dir, Path stage, Consumer<String> progress)
      throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).filter(p -> kept(dir.relativize(p))).toList();
    }
    List<Path> ordered = new ArrayList<>(files);
    ordered.sort(Comparator.comparingInt((Path p) -> rank(p)).thenComparing(Path::toString));
    List<String> problems = new ArrayList<>();
    for (Path p : ordered) {
      Path to = stage.resolve(dir.relativize(p).toString());
      Files.createDirectories(to.getParent());
      if (Files.exists(to)) {
        continue; // a checkpoint copied at a PostgreSQL dump's snapshot
      }
      if (sqlite(p)) {
        progress.accept("snapshot " + dir.relativize(p));
        vacuumInto(p, to, problems);
      } else if (Files.exists(p)) {
        copy(p, to);
      }
    }
    return problems;
  }

  /** The logs' checkpoints, at the instant of a PostgreSQL dump's snapshot. */
  private static void copyCheckpoints(Path dir, Path stage) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(f -> f.getFileName().toString().equals("checkpoint"))
          .filter(Files::isRegularFile).filter(f -> kept(dir.relativize(f))).toList()) {
        Path to = stage.resolve(dir.relativize(p).toString());
        Files.createDirectories(to.getParent());
        copy(p, to);
      }
    }
  }

  /**
   * The dump's store indexes exactly its own log's entries: the log's checkpoint in the same
   * snapshot (a log in the database, D86: an entry published but not yet indexed is found here),
   * or the staged checkpoint file (a log still in files: an entry appended between the dump's
   * snapshot and the checkpoint's copy would be in the log and not in the database).
   */
  private static List<String> sameSize(Path stage, Dumped dumped) throws IOException {
    long own = dumped.own();
    long size = dumped.logged() != null ? dumped.logged() : filed(stage.resolve("log/checkpoint"));
    return size == own ? List.of() : List.of("the log moved on while the database was dumped"
        + " (its checkpoint at " + size + " entries, the dump at " + own + ")");
  }

  /** The size of a log's checkpoint file; 0 for none. */
  private static long filed(Path cp) throws IOException {
    // C2SP tlog-checkpoint: the origin, then the tree size in decimal, then the root hash
    return Files.exists(cp) ? Long.parseLong(Files.readAllLines(cp).get(1).strip()) : 0;
  }

  /** Not state: the running node's ports, SQLite's side files, the node's own text log. */
  private static boolean kept(Path rel) {
    String name = rel.getFileName().toString();
    return !rel.startsWith("run") && !name.endsWith("-wal") && !name.endsWith("-shm")
        && !name.endsWith("-journal") && !name.endsWith(".tmp") && !name.equals("node.log");
  }

  /** Databases, then checkpoints, then everything else (tiles among them). */
  private static int rank(Path p) {
    if (sqlite(p)) {
      return 0;
    }
    return p.getFileName().toString().equals("checkpoint") ? 1 : 2;
  }

  private static boolean sqlite(Path p) {
    try (InputStream in = Files.newInputStream(p)) {
      return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
    } catch (IOException e) {
      return false;
    }
  }

  private static void vacuumInto(Path db, Path to, List<String> problems) {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 30000");
      s.execute("VACUUM INTO '" + to.toString().replace("'", "''") + "'");
    } catch (SQLException e) {
      problems.add(db.getFileName() + ": cannot snapshot: " + e.getMessage());
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (NoSuchFileException e) {
      // replaced by the running log meanwhile (a partial tile made full): the check decides
    }
  }

  private static List<String> verify(Verifier verifier, Path dir) throws BackupException {
    try {
      return verifier.problems(dir);
    } catch (Exception e) {
      return List.of(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static boolean postgresql(NodeConfig config) {
    return config.storage().equals(NodeConfig.POSTGRESQL);
  }

  private static Manifest archive(Path stage, Path out, Manifest header, char[] passphrase,
      Consumer<String> progress) throws IOException {
    SecureRandom random = new SecureRandom();
    List<FileEntry> entries = new ArrayList<>();
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    List<Path> files;
    try (Stream<Path> s = Files.walk(stage)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
      for (Path p : files) {
        String name = stage.relativize(p).toString().replace('\\', '/');
        boolean key = name.startsWith("keys/");
        if (key && passphrase == null) {
          continue;
        }
        byte[] data = Files.readAllBytes(p);
        byte[] stored = key ? KeySeal.seal(passphrase, name, data, random) : data;
        put(zip, name, stored);
        entries.add(new FileEntry(name, stored.length, sha256(stored), key ? "sealed-key"
            : sqlite(p) ? "sqlite" : name.equals(PG_DUMP) ? "pg_dump" : "file"));
      }
      Manifest m = new Manifest(header.format(), header.party(), header.created(),
          header.keys(), entries, header.storage(), header.schemas());
      put(zip, MANIFEST, CanonicalJson.mapper().writerWithDefaultPrettyPrinter()
          .writeValueAsBytes(m));
      zip.finish();
      progress.accept("wrote " + entries.size() + " files" + (passphrase == null
          ? " (keys left out)" : " (keys sealed)"));
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return m;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(data);
    zip.closeEntry();
  }

  private static Manifest manifest(ZipFile zip, Path archive) throws BackupException, IOException {
    ZipEntry e = zip.getEntry(MANIFEST);
    if (e == null) {
      throw new BackupException(Reason.DAMAGED,
          archive + ": not a Verity backup (no " + MANIFEST + ")");
    }
    Manifest m;
    try (InputStream in = zip.getInputStream(e)) {
      JsonNode n = CanonicalJson.mapper().readTree(in.readNBytes(1 << 24));
      m = CanonicalJson.mapper().treeToValue(n, Manifest.class);
    } catch (IOException bad) {
      throw new BackupException(Reason.DAMAGED,
          archive + ": its manifest does not read: " + bad.getMessage());
    }
    if (!FORMAT.equals(m.format())) {
      throw new BackupException(Reason.DAMAGED,
          archive + ": format " + m.format() + ", expected " + FORMAT);
    }
    return m;
  }

  private static void extract(ZipFile zip, FileEntry f, Path dir, char[] passphrase)
      throws BackupException, IOException {
    Path to = dir.resolve(f.name()).normalize();
    if (!to.startsWith(dir) || f.name().equals(MANIFEST)) {
      throw new BackupException(Reason.DAMAGED, f.name() + ": not a node file");
    }
    ZipEntry e = zip.getEntry(f.name());
    if (e == null) {
      throw new BackupException(Reason.DAMAGED, f.name() + ": missing");
    }
    byte[] data;
    try (InputStream in = zip.getInputStream(e)) {
      data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, f.size() + 1));
    }
    if (data.length != f.size() || !sha256(data).equals(f.sha256())) {
      throw new BackupException(Reason.DAMAGED,
          f.name() + ": does not match its SHA-256 in the manifest");
    }
    if (f.kind().equals("sealed-key")) {
      data = KeySeal.open(passphrase, f.name(), data);
    }
    Files.createDirectories(to.getParent());
    try (OutputStream o = Files.newOutputStream(to)) {
      o.write(data);
    }
    if (f.kind().equals("sealed-key")) {
      Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-------"));
    }
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes what {@code dir} holds, deepest first. */
  private static void clear(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(dir)) {
          Files.delete(p);
        }
      }
    }
  }
}
