package dev.verity.node.cli.exchange;

import dev.verity.node.cli.exchange.ExchangeCommand.VaultOptions;
import dev.verity.node.vault.PersonalDataVault;
import dev.verity.node.vault.PersonalDataVault.Audited;
import dev.verity.node.vault.PersonalDataVault.ListSummary;
import dev.verity.tlog.merkle.Hash;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange vault}: the Party's personal data for exchanges, on this machine
 * (docs/user/exchange.md, "Personal data: retention and erasure"). Erasure removes persons from
 * the vault and re-encrypts it under a new key; the log is untouched (it holds commitments only),
 * and an erased entry can no longer be opened. Every erasure is in the vault's audit trail with
 * its reason, never with the person.
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
    description = "The personal data behind this Party's lists: what is kept until when, erasure"
        + " (of a person, a list, or what is past its retention) and the audit trail.",
    subcommands = {ExchangeVaultCommand.Lists.class, ExchangeVaultCommand.Erase.class,
        ExchangeVaultCommand.Audit.class})
final class ExchangeVaultCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every list in the vault: persons kept and erased, retention (no names).")
  static final class Lists implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VaultOptions vault;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      for (ListSummary l : vault.open().lists()) {
        out.printf("%s %s %s %s: %d of %d persons kept, %d erased, retained until %s%s,"
            + " root %s%n", l.exchange(), l.party(), l.kind().label(), l.category(), l.persons(),
            l.count(), l.erased(), l.retainUntil(),
            today.isAfter(l.retainUntil()) ? " (ended: to be erased)" : "", l.root().hex());
      }
      ExchangeCommand.done(out);
      return 0;
    }
  }

  @Command(name = "erase", mixinStandardHelpOptions = true,
      description = {"Erase personal data from the vault: one person (--exchange and"
          + " --commitment), one list (--root) or every list past its retention (--expired).",
        "The log is untouched: it holds commitments only. An erased entry can no longer be"
            + " opened; the vault is re-encrypted under a new key and the erasure audited."})
  static final class Erase implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VaultOptions vault;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    @Option(names = "--exchange", paramLabel = "ID",
        description = "The exchange of the person's list (with --commitment).")
    String exchange;

    @Option(names = "--reason", defaultValue = "on request", paramLabel = "TEXT",
        description = "Why, for the audit trail (default: ${DEFAULT-VALUE}); never a name.")
    String reason;

    @Option(names = "--today", paramLabel = "DATE",
        description = "With --expired: the day to judge retention on (default: today, UTC).")
    LocalDate today;

    static final class What {
      @Option(names = "--commitment", paramLabel = "HEX",
          description = "The person's entry, as the node shows it.")
      String commitment;

      @Option(names = "--root", paramLabel = "HEX", description = "A whole list, by its root.")
      String root;

      @Option(names = "--expired", description = "Every list whose retention has ended.")
      boolean expired;
    }

    @Override
    public Integer call() throws Exception {
      PersonalDataVault v = vault.open();
      PrintWriter out = spec.commandLine().getOut();
      Instant now = Instant.now();
      if (what.expired) {
        int n = v.eraseExpired(today != null ? today : LocalDate.now(ZoneOffset.UTC), now);
        out.printf("erased %d persons of lists past their retention; the log keeps their"
            + " commitments%n", n);
      } else if (what.root != null) {
        Hash root = OpeningFile.hash("--root", what.root);
        int n = v.eraseList(root, reason, now);
        if (n == 0 && v.lists().stream().noneMatch(l -> l.root().equals(root))) {
          throw new IllegalArgumentException("--root: no list with root " + root
              + " in the vault" + v.listErasure(root).map(e -> " (erased on " + e + ")")
              .orElse(""));
        }
        out.printf("erased the list with root %s: %d persons; its entries can no longer be"
            + " opened, the log keeps their commitments%n", root, n);
      } else {
        person(v, out, now);
      }
      ExchangeCommand.done(out);
      return 0;
    }

    private void person(PersonalDataVault v, PrintWriter out, Instant now) throws Exception {
      if (exchange == null) {
        throw new IllegalArgumentException("--exchange ID: required with --commitment");
      }
      Hash c = OpeningFile.hash("--commitment", what.commitment);
      Optional<ListSummary> l = v.erase(exchange, c, reason, now);
      if (l.isEmpty()) {
        throw new IllegalArgumentException("--commitment: no person of " + exchange
            + " in the vault has entry " + c + " (never on this Party's lists, or erased"
            + " before)");
      }
      out.printf("erased the person of entry %s from %s %s %s of %s (%d of %d persons left):"
          + " the entry can no longer be opened; the log keeps its commitment%n", c,
          l.get().party(), l.get().kind().label(), l.get().category(), exchange,
          l.get().persons(), l.get().count());
    }
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = "The vault's audit trail: every export and erasure (no names).")
  static final class Audit implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin VaultOptions vault;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      for (Audited a : vault.open().audit()) {
        out.printf("%s %s %s%s: %d persons%s%s%n", a.at(), a.what(), a.exchange(),
            a.root() == null ? "" : " list " + a.root(), a.persons(),
            a.recipient() == null ? "" : ", to " + a.recipient(),
            a.reason() == null ? "" : ", reason: " + a.reason());
      }
      ExchangeCommand.done(out);
      return 0;
    }
  }
}
