package dev.verity.node.vault;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.escrow.EscrowException;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.selection.Canonical;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.store.StoreException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The declaring Party's secret side of its escrowed declarations: each full declaration and its
 * salts, by committed root, so that the node can reveal items later. Kept in its own SQLite file
 * ({@code escrow.db}, mode 0600, as are SQLite's journal files, which take the database's mode)
 * and not in {@code node.db}: node bundles and the API read the node store, and nothing here may
 * ever leave the node (docs/formats/escrow.md: without its salt an item cannot be confirmed by
 * guessing; with the salts, every item can).
 */
public final class EscrowVault implements AutoCloseable {
  private static final String SCHEMA = "CREATE TABLE IF NOT EXISTS escrowed (root TEXT PRIMARY KEY,"
      + " party TEXT NOT NULL, as_of TEXT NOT NULL, declaration BLOB NOT NULL, salts BLOB NOT NULL, created_at TEXT NOT NULL)";
  private final Connection db;
  private final Map<String, EscrowedDeclaration> cache = new LinkedHashMap<>();

  private EscrowVault(Connection db) {
    this.db = db;
  }

  /** Opens (creating with mode 0600 if needed) the vault in {@code file}. */
  public static EscrowVault open(Path file) throws StoreException {
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      // opened before
    } catch (IOException | UnsupportedOperationException e) {
      throw new StoreException("cannot create " + file + " with mode 0600: " + e.getMessage(), e);
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute(SCHEMA);
      }
      return new EscrowVault(c);
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  /** Keeps {@code e} (declaration and salts) durably, before its commitment is appended to the log. */
  public synchronized void put(EscrowedDeclaration e) throws StoreException {
    Map<String, String> salts = new LinkedHashMap<>();
    e.salts().forEach((id, s) -> salts.put(id, Canonical.hex(s)));
    try (PreparedStatement p = db.prepareStatement("INSERT OR REPLACE INTO escrowed"
        + " (root, party, as_of, declaration, salts, created_at) VALUES (?,?,?,?,?,?)")) {
      p.setString(1, e.commitment().root());
      p.setString(2, e.commitment().party());
      p.setString(3, e.commitment().asOf().toString());
      p.setBytes(4, DataExchangeJson.write(e.declaration()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      p.setBytes(5, CanonicalJson.encode(salts));
      p.setString(6, Instant.now().toString());
      p.executeUpdate();
    } catch (SQLException ex) {
      throw new StoreException("keep the escrowed declaration: " + ex.getMessage(), ex);
    }
    cache.put(e.commitment().root(), e);
  }

  /** The escrowed declaration committed as {@code root}, rebuilt with its salts; empty if this node never committed it. */
  public synchronized Optional<EscrowedDeclaration> get(Agreement a, String root) throws StoreException {
    EscrowedDeclaration e = cache.get(root);
    if (e != null) {
      return Optional.of(e);
    }
    try (PreparedStatement p = db.prepareStatement("SELECT declaration, salts FROM escrowed WHERE root=?")) {
      p.setString(1, root);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        e = rebuild(a, rs.getBytes(1), rs.getBytes(2));
      }
    } catch (SQLException | IOException | EscrowException ex) {
      throw new StoreException("read the escrowed declaration " + root + ": " + ex.getMessage(), ex);
    }
    cache.put(root, e);
    return Optional.of(e);
  }

  private static EscrowedDeclaration rebuild(Agreement a, byte[] declaration, byte[] saltsJson)
      throws IOException, EscrowException {
    Declaration d;
    try {
      d = DataExchangeJson.readDeclaration("escrow.db",
          new StringReader(new String(declaration, java.nio.charset.StandardCharsets.UTF_8)));
    } catch (dev.verity.core.message.DeclarationException ex) {
      throw new IOException(ex.getMessage(), ex);
    }
    Map<String, String> hex = CanonicalJson.mapper().readValue(saltsJson, new TypeReference<Map<String, String>>() {});
    Map<String, byte[]> salts = new LinkedHashMap<>();
    hex.forEach((id, h) -> salts.put(id, Canonical.unhex(h)));
    return EscrowedDeclaration.withSalts(a, d, salts);
  }

  @Override
  public synchronized void close() throws StoreException {
    try {
      db.close();
    } catch (SQLException e) {
      throw new StoreException("close escrow.db: " + e.getMessage(), e);
    }
  }
}
