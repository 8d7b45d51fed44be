package dev.verity.node.cli.node;

import dev.verity.node.backup.BackupException;
import dev.verity.node.backup.NodeBackup;
import dev.verity.node.backup.NodeBackup.Manifest;
import dev.verity.node.backup.NodeBackup.Target;
import dev.verity.node.backup.NodeBackup.Verifier;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import dev.verity.node.config.SecretRef;
import dev.verity.node.store.NodeStore;
import dev.verity.node.verify.StorageProblem;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity node backup|restore} (docs/user/operate.md, "Backup and restore"): an online,
 * consistent copy of a node directory in one file, and its restore into a new directory, checked
 * against the signed trees before it is declared good. The work is {@link NodeBackup}'s.
 */
final class BackupCommands {
  /** Exit codes: the archive is damaged or the passphrase wrong; the copy does not verify. */
  static final int DAMAGED = 3;

  static final int REFUSED = 2;

  private BackupCommands() {}

  /** The check of {@code verity node check}, as a list of problems. */
  static List<String> verify(Path dir) throws Exception {
    try (NodeStore store = NodeStore.open(NodeConfig.read(dir), dir)) {
      return StorageCommands.check(dir, store).stream().map(StorageProblem::toString).toList();
    }
  }

  /**
   * The check of a staged backup: the whole node's for SQLite; for PostgreSQL the logs' files
   * only, if the log is still in files, as the stage's node.yaml names the live database,
   * which is ahead of the dump (the restore checks the restored database with the rest).
   */
  static Verifier stagedCheck(Path dir) {
    boolean pg;
    try {
      pg = NodeConfig.read(dir).storage().equals(NodeConfig.POSTGRESQL);
    } catch (ConfigException e) {
      pg = false; // NodeBackup names what is wrong with the directory
    }
    // a log in the database is in the dump, checked with the rest when restored (node check)
    return pg ? stage -> !Files.exists(stage.resolve("log")) ? List.of()
        : StorageCommands.checkLogFiles(stage).stream().map(StorageProblem::toString).toList()
        : BackupCommands::verify;
  }

  static char[] passphrase(Path file) throws Exception {
    if (file == null) {
      return null;
    }
    String p = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (p.length() < 12) {
      throw new IllegalArgumentException("--passphrase-file " + file
          + ": the passphrase must have at least 12 characters");
    }
    return p.toCharArray();
  }

  static int exitCode(BackupException e) {
    return switch (e.reason()) {
      case REFUSED -> REFUSED;
      case DAMAGED, WRONG_PASSPHRASE, DOES_NOT_VERIFY -> DAMAGED;
    };
  }

  @Command(name = "backup", mixinStandardHelpOptions = true,
      description = "Copy a node (running or not) into one file: its databases as consistent"
          + " snapshots, its logs, its configuration; keys only if --passphrase-file seals them.")
  static final class Backup implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "the node")
    Path dir;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the archive")
    Path out;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
        description = "seal the key files with the passphrase in FILE (12 characters or more);"
            + " without it the backup holds no keys")
    Path passphraseFile;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      try {
        Manifest m = NodeBackup.write(dir, out, passphrase(passphraseFile),
            stagedCheck(dir), Clock.systemUTC(), s -> progress(o, s));
        o.printf("backup of %s: %s (%d files, keys %s)%n", m.party(), out, m.files().size(),
            m.keys() ? "sealed" : "left out");
        return 0;
      } catch (BackupException e) {
        spec.commandLine().getErr().println("verity node backup: " + e.getMessage());
        return exitCode(e);
      }
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Restore a backup into a new directory and check it against the signed trees"
          + " before anything starts it.")
  static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "the archive")
    Path from;

    @Option(names = "--dir", required = true, paramLabel = "DIR",
        description = "the new node directory (missing or empty)")
    Path dir;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
        description = "the passphrase that sealed the backup's keys")
    Path passphraseFile;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "For a node in PostgreSQL:"
        + " the empty database to restore it into, jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE")
    String jdbcUrl;

    @Option(names = "--jdbc-password", paramLabel = "env:VARIABLE|file:PATH", description = "With"
        + " --jdbc-url: where the role's password is (default: the original node's jdbcPassword).")
    String jdbcPassword;

    @Override
    public Integer call() throws Exception {
      PrintWriter o = spec.commandLine().getOut();
      try {
        Manifest m = NodeBackup.restore(from, dir, target(),
            passphrase(passphraseFile), BackupCommands::verify, s -> progress(o, s));
        o.printf("restored %s's node from %s into %s: it verifies; start it with"
            + " `verity node run --dir %s`%n", m.party(), m.created(), dir, dir);
        return 0;
      } catch (BackupException e) {
        spec.commandLine().getErr().println("verity node restore: " + e.getMessage());
        return exitCode(e);
      }
    }

    private Target target() {
      if (jdbcUrl == null) {
        if (jdbcPassword != null) {
          throw new IllegalArgumentException("--jdbc-password goes with --jdbc-url");
        }
        return null;
      }
      if (!jdbcUrl.startsWith("jdbc:postgresql:")
          || jdbcUrl.toLowerCase(Locale.ROOT).contains("password=")) {
        throw new IllegalArgumentException("--jdbc-url: expected"
            + " jdbc:postgresql://HOST:PORT/DATABASE?user=ROLE, with no password in it");
      }
      return new NodeBackup.Target(jdbcUrl,
          jdbcPassword == null ? null : SecretRef.parse("--jdbc-password", jdbcPassword));
    }
  }

  private static void progress(PrintWriter o, String s) {
    o.println("  " + s);
    o.flush();
  }
}
