package dev.verity.node.cli.exchange;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange export}: every person of an exchange for the ICRC Central Tracing Agency
 * (GC III Arts. 122-123), as docs/formats/exchange.md describes, into a new file of mode 0600.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write every person of an exchange in the vault for the ICRC Central Tracing"
        + " Agency (CSV with each row's commitment, salt and list root, to check against the"
        + " log) into a new file of mode 0600; the vault notes the export."})
final class ExchangeExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ExchangeCommand.VaultOptions vault;

  @Option(names = "--exchange", required = true, paramLabel = "ID")
  String exchange;

  @Option(names = "--out", required = true, paramLabel = "FILE")
  Path file;

  @Option(names = "--recipient", defaultValue = "ICRC Central Tracing Agency",
      paramLabel = "WHO", description = "Noted in the vault's audit trail.")
  String recipient;

  @Override
  public Integer call() throws Exception {
    StringWriter csv = new StringWriter();
    int n = vault.open().exportForCentralTracingAgency(exchange, csv, recipient,
        LocalDate.now(ZoneOffset.UTC), Instant.now());
    OpeningFile.writeOwnerOnly(file, csv.toString());
    PrintWriter out = spec.commandLine().getOut();
    out.printf("exported %d persons of %s into %s%n", n, exchange, file);
    ExchangeCommand.done(out);
    return 0;
  }
}
