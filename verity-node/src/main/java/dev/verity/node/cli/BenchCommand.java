package dev.verity.node.cli;

import dev.verity.node.exchange.ExchangeBenchCommand;
import dev.verity.node.federation.bench.FederationBenchCommand;
import dev.verity.node.inspection.EscrowBenchCommand;
import dev.verity.node.runtime.StartupBenchCommand;
import dev.verity.node.tlogcli.BenchTlogCommand;
import dev.verity.node.treaty.TreatyBenchCommand;
import picocli.CommandLine.Command;

/**
 * {@code verity bench …}: benchmarks that print their figures beside a baseline measured in the
 * same run. Quote the ratios: absolute times depend on the machine and its load.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks, each printed beside its baseline from the same run.",
    subcommands = {BenchTlogCommand.class, TreatyBenchCommand.class, EscrowBenchCommand.class,
        FederationBenchCommand.class, ExchangeBenchCommand.class, StartupBenchCommand.class})
public final class BenchCommand {}
