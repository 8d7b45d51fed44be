package dev.verity.node.cli.inspection;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.compliance.LimitResult;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.escrow.EscrowCommitment;
import dev.verity.core.escrow.EscrowException;
import dev.verity.core.escrow.EscrowVerifier;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.escrow.RevealProblem;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Item;
import dev.verity.core.selection.Canonical;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity escrow}: declarations committed in escrow, revealed item by item (docs/formats/escrow.md). */
@Command(
    name = "escrow",
    mixinStandardHelpOptions = true,
    description = "Escrowed declarations: commit to a declaration (a Merkle root over salted item records"
        + " plus the aggregates), reveal items with inclusion proofs, verify reveals.",
    subcommands = {EscrowCommand.Commit.class, EscrowCommand.RevealItems.class, EscrowCommand.Verify.class})
public final class EscrowCommand implements Runnable {
  static final int EXIT_BAD_REVEALS = 3;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The private salts file: keep it secret; reveals need it. */
  record SaltsFile(String format, String agreement, String party, LocalDate asOf, String root, Map<String, String> salts) {
    static final String FORMAT = "verity-escrow-salts/v1";
  }

  static Agreement agreementOf(String override, Declaration d, Path file) throws Exception {
    String name = override != null ? override : d.agreement();
    if (name == null) {
      throw new IllegalArgumentException(file + ": agreement: missing (or give --agreement)");
    }
    return CommandFiles.agreement(name);
  }

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      description = {
        "Commit to a declaration: write DIR/commitment.json (agreement, party, as-of, size, Merkle root,"
            + " aggregates) to publish, and DIR/salts.json (one random 32-byte salt per item) to keep private.",
        "The agreement must use declarationMode: escrow (e.g. new-start-voluntary-2026).",
        "With --node URL: submit the declaration to a node serving such an agreement instead; the node"
            + " logs the commitment and keeps the items and salts itself (needs an operator token)."
      })
  static final class Commit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--declaration", required = true, paramLabel = "FILE", description = "The full declaration (data-exchange JSON).")
    Path declaration;

    @Option(names = "--out", paramLabel = "DIR", description = "Where to write commitment.json and salts.json.")
    Path out;

    @picocli.CommandLine.Mixin NodeApiOptions node;

    @Option(names = "--client-id", paramLabel = "ID", description = "With --node: idempotency key (default: declaration-<party>-<asOf>).")
    String clientId;

    @Option(names = "--agreement", paramLabel = "NAME", description = "Override the declaration's agreement.")
    String agreement;

    @Override
    public Integer call() throws Exception {
      Declaration d = CommandFiles.declaration(declaration);
      if (node.present() == (out != null)) {
        throw new IllegalArgumentException("give either --out DIR or --node URL");
      }
      if (node.present()) {
        return viaNode(d);
      }
      Agreement a = agreementOf(agreement, d, declaration);
      EscrowedDeclaration e;
      try {
        e = EscrowedDeclaration.commit(a, d, new SecureRandom());
      } catch (EscrowException x) {
        throw new IllegalArgumentException(declaration + ": " + x.getMessage(), x);
      }
      EscrowCommitment c = e.commitment();
      Map<String, String> salts = new LinkedHashMap<>();
      e.salts().forEach((id, s) -> salts.put(id, Canonical.hex(s)));
      CommandFiles.write(out.resolve("commitment.json"), CommandFiles.strictJson(c) + "\n");
      Path saltsFile = out.resolve("salts.json");
      SaltsFile sf = new SaltsFile(SaltsFile.FORMAT, c.agreement(), c.party(), c.asOf(),
          c.root(), salts);
      CommandFiles.write(saltsFile, CommandFiles.strictJson(sf) + "\n");
      try {
        Files.setPosixFilePermissions(saltsFile, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      PrintWriter o = spec.commandLine().getOut();
      o.printf("%s %s as of %s: %d items committed, root %s%n", c.agreement(), c.party(), c.asOf(), c.size(), c.root());
      printCompliance(o, EscrowVerifier.compliance(a, c));
      o.printf("wrote %s (publish) and %s (keep private)%n", out.resolve("commitment.json"), saltsFile);
      o.flush();
      return 0;
    }

    private int viaNode(Declaration d) throws Exception {
      ObjectNode req = CommandFiles.STRICT_JSON.createObjectNode();
      req.put("clientId", clientId != null ? clientId : "declaration-" + d.party() + "-" + d.asOf());
      req.put("type", "declaration");
      req.set("message", CommandFiles.STRICT_JSON.readTree(DataExchangeJson.write(d)));
      com.fasterxml.jackson.databind.JsonNode r = node.post("/api/v1/messages", req);
      com.fasterxml.jackson.databind.JsonNode c = node.get("/api/v1/escrow").path("parties").path(r.path("party").asText());
      PrintWriter o = spec.commandLine().getOut();
      o.printf("%s: %d items committed as entry %s/%d%s%n", node.node(), d.items().size(),
          r.path("party").asText(),
          r.path("index").asLong(), r.path("duplicate").asBoolean() ? " (submitted before)" : "");
      for (com.fasterxml.jackson.databind.JsonNode k : c.path("commitments")) {
        if (k.path("entry").path("index").asLong() == r.path("index").asLong()) {
          o.printf("root %s, aggregates %s%n", k.path("root").asText(), k.path("aggregates"));
        }
      }
      o.flush();
      return 0;
    }
  }

  static void printCompliance(PrintWriter o, PartyCompliance pc) {
    for (LimitResult l : pc.limits()) {
      o.printf("  %-36s %6s / %-6d %s%n", l.name(), l.value() == null ? "?" : l.value(), l.max(), l.status().label());
    }
  }

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description = {"Reveal items of a committed declaration: print, as JSON, each item record with its salt,"
          + " index and inclusion proof to the committed root.",
        "With --node URL: the node appends the reveals to its log (needs an operator token); --items all"
            + " reveals every item not revealed yet."})
  static final class RevealItems implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--declaration", paramLabel = "FILE", description = "The declaration that was committed.")
    Path declaration;

    @Option(names = "--salts", paramLabel = "FILE", description = "The salts.json written by commit.")
    Path saltsPath;

    @picocli.CommandLine.Mixin NodeApiOptions node;

    @Option(names = "--root", paramLabel = "HEX", description = "With --node: which commitment (default: the latest).")
    String root;

    @Option(names = "--items", required = true, split = ",", paramLabel = "ID", description = "Unique identifiers to reveal (comma-separated).")
    List<String> items;

    @Option(names = "--agreement", paramLabel = "NAME", description = "Override the declaration's agreement.")
    String agreement;

    @Override
    public Integer call() throws Exception {
      if (node.present()) {
        return viaNode();
      }
      if (declaration == null || saltsPath == null) {
        throw new IllegalArgumentException("give --declaration FILE and --salts FILE, or --node URL");
      }
      Declaration d = CommandFiles.declaration(declaration);
      Agreement a = agreementOf(agreement, d, declaration);
      SaltsFile sf = CommandFiles.read(saltsPath, SaltsFile.class);
      if (sf.salts() == null) {
        throw new IllegalArgumentException(saltsPath + ": salts: missing");
      }
      Map<String, byte[]> salts = new LinkedHashMap<>();
      for (var e : sf.salts().entrySet()) {
        byte[] b = Canonical.unhex(e.getValue());
        if (b == null) {
          throw new IllegalArgumentException(saltsPath + ": salts." + e.getKey() + ": not hex");
        }
        salts.put(e.getKey(), b);
      }
      EscrowedDeclaration e;
      List<Reveal> reveals;
      try {
        e = EscrowedDeclaration.withSalts(a, d, salts);
        reveals = e.reveal(items);
      } catch (EscrowException x) {
        throw new IllegalArgumentException(declaration + " with " + saltsPath + ": " + x.getMessage(), x);
      }
      if (sf.root() != null && !sf.root().equals(e.commitment().root())) {
        throw new IllegalArgumentException(declaration + ": does not give the committed root " + sf.root()
            + " with these salts (the declaration changed since it was committed)");
      }
      spec.commandLine().getOut().println(CommandFiles.strictJson(reveals));
      spec.commandLine().getOut().flush();
      return 0;
    }

    private int viaNode() throws Exception {
      ObjectNode req = CommandFiles.STRICT_JSON.createObjectNode();
      if (items.equals(List.of("all"))) {
        req.put("items", "all");
      } else {
        items.forEach(req.putArray("items")::add);
      }
      if (root != null) {
        req.put("root", root);
      }
      com.fasterxml.jackson.databind.JsonNode r = node.post("/api/v1/escrow/reveals", req);
      spec.commandLine().getOut().printf("%s: revealed in %d entries from %s/%d%n", node.node(),
          r.path("entries").asInt(),
          r.path("party").asText(), r.path("index").asLong());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check reveals against a commitment (salt, index, inclusion proof to the committed root) and,"
            + " with --observed, against the items the inspectors saw; also check the committed aggregates"
            + " against the agreement's limits.",
        "With --node URL (viewer token): print what the node verified of every Party's reveals.",
        "Exit codes: 0 every reveal checks, 3 some do not (each listed by unique identifier and why), 1 bad input."
      })
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--commitment", paramLabel = "FILE", description = "commitment.json")
    Path commitment;

    @Option(names = "--reveals", paramLabel = "FILE", description = "JSON array of reveals (as printed by reveal).")
    Path reveals;

    @picocli.CommandLine.Mixin NodeApiOptions node;

    @Option(names = "--observed", paramLabel = "FILE", description = "JSON array of item records the inspectors saw (fields not seen omitted).")
    Path observed;

    @Option(names = "--facilities-from", paramLabel = "DECLARATION",
        description = "When every item is revealed: a declaration whose facilities are used to recompute the aggregates"
            + " from the revealed items and compare them with the committed ones.")
    Path declaration;

    @Override
    public Integer call() throws Exception {
      if (node.present()) {
        return viaNode();
      }
      if (commitment == null || reveals == null) {
        throw new IllegalArgumentException("give --commitment FILE and --reveals FILE, or --node URL");
      }
      EscrowCommitment c = CommandFiles.read(commitment, EscrowCommitment.class);
      if (c.root() == null) {
        throw new IllegalArgumentException(commitment + ": root: missing");
      }
      if (c.agreement() == null) {
        throw new IllegalArgumentException(commitment + ": agreement: missing");
      }
      List<Reveal> rs = CommandFiles.read(reveals, new TypeReference<List<Reveal>>() {});
      List<Item> seen = observed == null ? List.of()
          : CommandFiles.read(observed, new TypeReference<List<Item>>() {});
      EscrowVerifier.Result r = EscrowVerifier.verify(c, rs, seen);
      PrintWriter o = spec.commandLine().getOut();
      o.printf("%s %s as of %s: %d of %d reveals check against root %s%s%n", c.agreement(), c.party(), c.asOf(),
          r.accepted().size(), rs.size(), c.root(), seen.isEmpty() ? "" : ", " + seen.size() + " observed items compared");
      List<RevealProblem> problems = new java.util.ArrayList<>(r.problems());
      if (c.aggregates() != null) {
        Agreement a = CommandFiles.agreement(c.agreement());
        printCompliance(o, EscrowVerifier.compliance(a, c));
        if (declaration != null) {
          RevealProblem agg = EscrowVerifier.aggregatesOfFullReveal(a, c, r.accepted(),
              CommandFiles.declaration(declaration).facilities());
          if (agg != null) {
            problems.add(agg);
          } else if (r.accepted().size() == c.size()) {
            o.println("every item revealed: the committed aggregates match the revealed items");
          }
        }
      }
      for (RevealProblem p : problems) {
        o.printf("BAD %s: %s%n", p.item(), p.reason());
      }
      o.flush();
      return problems.isEmpty() ? 0 : EXIT_BAD_REVEALS;
    }

    /** What the node verified as it applied each Party's reveals. */
    private int viaNode() throws Exception {
      com.fasterxml.jackson.databind.JsonNode v = node.get("/api/v1/escrow");
      PrintWriter o = spec.commandLine().getOut();
      var parties = v.path("parties").fields();
      while (parties.hasNext()) {
        var p = parties.next();
        for (com.fasterxml.jackson.databind.JsonNode c : p.getValue().path("commitments")) {
          o.printf("%s as of %s: %d items committed, %d revealed with a valid proof, root %s%n", p.getKey(),
              c.path("asOf").asText(), c.path("size").asLong(), c.path("revealed").asInt(), c.path("root").asText());
        }
      }
      for (com.fasterxml.jackson.databind.JsonNode p : v.path("problems")) {
        o.printf("BAD %s%n", p.asText());
      }
      o.flush();
      return v.path("problems").isEmpty() ? 0 : EXIT_BAD_REVEALS;
    }
  }
}
