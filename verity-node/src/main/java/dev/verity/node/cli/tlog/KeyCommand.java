package dev.verity.node.cli.tlog;

import dev.verity.tlog.note.NoteKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code verity key}: signed-note keys in Go's formats. */
@Command(name = "key", description = "Signed-note keys (Go's note formats).",
    mixinStandardHelpOptions = true, subcommands = {KeyCommand.Generate.class})
public final class KeyCommand {

  /** {@code verity key generate --name NAME --out DIR [--type note|cosignature] [--force]}. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Writes NAME.skey (mode 0600) and NAME.vkey in Go's note key formats.")
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--name", required = true, description = "key name, e.g. example.com/log")
    String name;

    @Option(names = "--out", required = true, description = "directory for the key files")
    Path out;

    @Option(names = "--type", defaultValue = "note",
        description = "note (Ed25519, type 0x01) or cosignature (witness, type 0x04)")
    String type;

    @Option(names = "--force", description = "overwrite existing key files")
    boolean force;

    @Override
    public Integer call() throws IOException {
      if (!NoteKeys.isValidName(name)) {
        throw new IllegalArgumentException("invalid key name (empty, spaces or '+'): " + name);
      }
      byte t = switch (type) {
        case "note", "ed25519" -> NoteKeys.TYPE_ED25519;
        case "cosignature", "witness" -> NoteKeys.TYPE_COSIGNATURE_V1;
        default -> throw new IllegalArgumentException(
            "unknown key type " + type + " (want note or cosignature)");
      };
      NoteKeys.KeyPair kp = NoteKeys.generate(name, t, new SecureRandom());
      Files.createDirectories(out);
      String base = fileName(name);
      Path skey = out.resolve(base + ".skey");
      Path vkey = out.resolve(base + ".vkey");
      if (!force) {
        for (Path p : new Path[] {skey, vkey}) {
          if (Files.exists(p)) {
            throw new FileAlreadyExistsException(p + " exists (use --force to overwrite)");
          }
        }
      }
      writeSecret(skey, kp.signerKey() + "\n");
      Files.writeString(vkey, kp.verifierKey() + "\n", StandardCharsets.UTF_8);
      spec.commandLine().getOut().println(skey);
      spec.commandLine().getOut().println(vkey);
      spec.commandLine().getOut().flush();
      return 0;
    }

    // Key names are URLs like example.com/log; '/' and other characters are not file names.
    static String fileName(String name) {
      return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void writeSecret(Path p, String content) throws IOException {
      Files.deleteIfExists(p);
      try {
        Files.createFile(p, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(p);
      }
      Files.writeString(p, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
  }
}
