package dev.verity.node.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.ListParts;
import dev.verity.core.exchange.ListParts.Split;
import dev.verity.node.cli.exchange.ExchangeCommand.VaultOptions;
import dev.verity.node.cli.io.NodeApiOptions;
import dev.verity.node.vault.ListImport;
import dev.verity.node.vault.ListImport.Imported;
import dev.verity.node.vault.PersonalDataVault;
import dev.verity.node.vault.Purpose;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity exchange list}: a Party's lists of persons. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "A Party's lists of persons, per category, held or requested.",
    subcommands = ExchangeListCommand.Commit.class)
final class ExchangeListCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "commit", mixinStandardHelpOptions = true,
      description = {"Read a list of persons (CSV: surname, first_names, date_of_birth,"
          + " service_number), keep it in the vault and append its commitment (a Merkle root"
          + " over salted commitments and blinded values, and the count) to the node's log.",
        "Every bad line is reported at once (FILE: line N, COLUMN: what was expected); nothing"
            + " is stored or sent then. No name leaves this machine."})
  static final class Commit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin NodeApiOptions node;
    @Mixin VaultOptions vault;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The list.")
    Path csv;

    @Option(names = "--exchange", required = true, paramLabel = "ID",
        description = "The arranged exchange, e.g. ru-ua-2026-02-05.")
    String exchange;

    @Option(names = "--category", required = true, paramLabel = "C",
        description = "military, civilian, wounded-sick, aged-18-25, sentenced or bodies.")
    String category;

    @Option(names = "--kind", defaultValue = "held", paramLabel = "KIND",
        description = "held (persons this Party holds) or requested (asked back); default held.")
    String kind;

    @Option(names = "--retain-until", paramLabel = "DATE",
        description = "When the vault erases the list (default: one year from today).")
    LocalDate retainUntil;

    @Override
    public Integer call() throws Exception {
      String party = ExchangeCommand.party(node);
      ListKind k = ListKind.ofLabel(kind);
      if (k == null) {
        throw new IllegalArgumentException("--kind: held or requested, not " + kind);
      }
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      PersonalDataVault v = vault.open();
      Imported imp = ListImport.commit(v, new ListImport.Request(csv, exchange, party,
          k, category, Set.of(Purpose.EXCHANGE),
          retainUntil != null ? retainUntil : today.plusYears(1)), today, Instant.now(),
          new SecureRandom());
      ListCommitment c = imp.commitment();
      String id = "list-" + exchange + "-" + party + "-" + kind + "-" + category + "-"
          + c.root().hex().substring(0, 16);
      PrintWriter out = spec.commandLine().getOut();
      if (c.count() <= ListParts.PART_SIZE) {
        JsonNode r = ExchangeCommand.submit(node, id, "exchange-list",
            ExchangeJson.fields(new CommitList(c)));
        out.printf("%s %s %s list of %s: %d persons committed, root %s, entry %s/%d%n", party,
            kind, category, exchange, c.count(), c.root().hex(), r.path("party").asText(),
            r.path("index").asLong());
      } else {
        inParts(out, c, id);
      }
      for (List<Integer> lines : imp.namesakes()) {
        out.printf("note: lines %s share a match key (namesakes born the same day, or one"
            + " person twice)%n", lines);
      }
      ExchangeCommand.done(out);
      return 0;
    }

    /**
     * A list of more than one part's entries: its declaration, then each part, each a message
     * of its own (docs/formats/exchange.md, "Lists in parts"). Client ids name the root and the
     * part, so a run cut short can be repeated with the same vault list: parts already in are
     * answered with their entries.
     */
    private void inParts(PrintWriter out, ListCommitment c, String id) throws IOException {
      Split split = ListParts.split(c);
      JsonNode r = ExchangeCommand.submit(node, id, "exchange-list",
          ExchangeJson.fields(split.declaration()));
      long first = r.path("index").asLong();
      long last = first;
      for (ListPart p : split.parts()) {
        last = ExchangeCommand.submit(node, id + "-p" + p.part(), "exchange-list-part",
            ExchangeJson.fields(p)).path("index").asLong();
      }
      out.printf("%s %s %s list of %s: %d persons committed in %d parts, root %s, entries"
          + " %s/%d-%d%n", c.party(), kind, category, exchange, c.count(), split.parts().size(),
          c.root().hex(), r.path("party").asText(), first, last);
    }
  }
}
