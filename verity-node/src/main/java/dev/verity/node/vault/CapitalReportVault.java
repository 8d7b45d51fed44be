package dev.verity.node.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verity.core.talks.CapitalReport;
import dev.verity.node.json.CanonicalJson;
import dev.verity.node.vault.VaultException.Reason;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A delegation's reports to its capital, kept on its own node only (docs/formats/talks.md,
 * "Reports to capitals"; domain file §B: "agreed to report back to their capitals"). The shared
 * log carries only each report's anchor ({@link CapitalReport#anchor()}); the content and the
 * salt stay here, one file per anchor in {@code capital-reports/} (folder 0700, files 0600,
 * replaced whole and durably as {@link SecretFiles} writes them). Nothing here is ever served to
 * a peer: the peer port serves log entries, and only the operator's API opens a report.
 */
public final class CapitalReportVault {
  /** The folder under the node's directory. */
  public static final String FOLDER = "capital-reports";
  /** A report's content at most (bytes of UTF-8): a bound on what one request writes. */
  public static final int MAX_BYTES = 1 << 20;

  private static final Pattern ANCHOR = Pattern.compile("[0-9a-f]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private final Path dir;

  private CapitalReportVault(Path dir) {
    this.dir = dir;
  }

  /** The vault of the node in {@code nodeDir} (its folder is created on the first write). */
  public static CapitalReportVault of(Path nodeDir) {
    return new CapitalReportVault(nodeDir.resolve(FOLDER));
  }

  /** A stored report as listed: its anchor, round, time and size, never its content. */
  public record Stored(String anchor, String party, int round, Instant writtenAt, int bytes) {}

  /** One file: the report with its salt, as written. */
  private record File(String anchor, String party, int round, Instant writtenAt, String salt,
      String content) {}

  /** Keeps {@code r}, written at {@code at}; answers what the list shows. */
  public Stored write(CapitalReport r, Instant at) throws VaultException {
    File f = new File(r.anchor(), r.party(), r.round(), at, HEX.formatHex(r.salt()), r.content());
    try {
      SecretFiles.privateDirectory(dir);
      SecretFiles.replace(dir.resolve(f.anchor() + ".json"),
          CanonicalJson.mapper().writeValueAsBytes(f));
    } catch (IOException e) {
      throw new VaultException(Reason.STORAGE, "write " + FOLDER + ": " + e.getMessage(), e);
    }
    return stored(f);
  }

  /** The report whose anchor is {@code anchor}, with its salt, if this node holds it. */
  public Optional<CapitalReport> open(String anchor) throws VaultException {
    return read(anchor).map(f -> CapitalReport.opened(f.party(), f.round(), f.content(),
        HEX.parseHex(f.salt())));
  }

  /** Every report held, oldest first. */
  public List<Stored> list() throws VaultException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Stored> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.endsWith(".json")) {
          read(name.substring(0, name.length() - 5)).map(CapitalReportVault::stored)
              .ifPresent(out::add);
        }
      }
    } catch (IOException e) {
      throw new VaultException(Reason.STORAGE, "list " + FOLDER + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Stored::writtenAt).thenComparing(Stored::anchor));
    return out;
  }

  private Optional<File> read(String anchor) throws VaultException {
    if (anchor == null || !ANCHOR.matcher(anchor).matches()) {
      return Optional.empty();
    }
    Path p = dir.resolve(anchor + ".json");
    if (!Files.isRegularFile(p)) {
      return Optional.empty();
    }
    try {
      SecretFiles.requireOwnerOnly(p);
      return Optional.of(CanonicalJson.mapper().readValue(Files.readAllBytes(p), File.class));
    } catch (JsonProcessingException e) {
      throw new VaultException(Reason.WRONG_KEY_OR_ALTERED, p + ": not a capital report ("
          + e.getOriginalMessage() + ")", e);
    } catch (IOException e) {
      throw new VaultException(Reason.STORAGE, "read " + p + ": " + e.getMessage(), e);
    }
  }

  private static Stored stored(File f) {
    return new Stored(f.anchor(), f.party(), f.round(), f.writtenAt(),
        f.content().getBytes(UTF_8).length);
  }
}
