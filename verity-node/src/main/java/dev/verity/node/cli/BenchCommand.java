package dev.verity.node.cli;

import dev.verity.node.cli.exchange.ExchangeBenchCommand;
import dev.verity.node.cli.bench.CeasefireBenchCommand;
import dev.verity.node.cli.bench.FederationBenchCommand;
import dev.verity.node.cli.bench.HotlineBenchCommand;
import dev.verity.node.cli.inspection.EscrowBenchCommand;
import dev.verity.node.cli.bench.StartupBenchCommand;
import dev.verity.node.cli.tlog.BenchTlogCommand;
import dev.verity.node.cli.treaty.TreatyBenchCommand;
import picocli.CommandLine.Command;

/**
 * {@code verity bench …}: benchmarks that print their figures beside a baseline measured in the
 * same run. Quote the ratios: absolute times depend on the machine and its load.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks, each printed beside its baseline from the same run.",
    subcommands = {BenchTlogCommand.class, TreatyBenchCommand.class, EscrowBenchCommand.class,
        FederationBenchCommand.class, ExchangeBenchCommand.class, StartupBenchCommand.class,
        CeasefireBenchCommand.class, HotlineBenchCommand.class})
public final class BenchCommand {}
