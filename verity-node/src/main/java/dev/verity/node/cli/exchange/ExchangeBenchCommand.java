package dev.verity.node.cli.exchange;

import dev.verity.core.exchange.ExchangeBench;
import dev.verity.core.exchange.SyntheticPersons;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench exchange}: two lists of --persons matched without names (ECDH private set
 * intersection on X25519, docs/formats/exchange.md), stage by stage in wall-clock and process
 * CPU time, beside a plain set intersection and the keyed-hash design from the same run; then
 * how often the transliteration fold gives one person's spellings the same key, on a generated
 * corpus.
 */
@Command(name = "exchange", mixinStandardHelpOptions = true,
    description = "Benchmark name-free list matching (prisoner exchanges) and measure the"
        + " transliteration match rate on generated names.")
public final class ExchangeBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--persons", defaultValue = "100000",
      description = "Persons on each list (default: ${DEFAULT-VALUE}).")
  int persons;

  @Option(names = "--overlap", defaultValue = "0.9",
      description = "Share of the requested persons that are on the held list (default: "
          + "${DEFAULT-VALUE}).")
  double overlap;

  @Option(names = "--rounds", defaultValue = "1",
      description = "Timed rounds after a 2,000-person warm-up; the best is reported (default: "
          + "${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--corpus", defaultValue = "20000",
      description = "Generated persons for the transliteration match rate; 0 skips it (default:"
          + " ${DEFAULT-VALUE}).")
  int corpus;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated names.")
  long seed;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ExchangeBench.Figures f = ExchangeBench.run(persons, overlap, rounds, seed);
    out.printf("exchange bench: %,d requested x %,d held, %,d the same persons, %d threads, %s%n",
        f.persons(), f.persons(), f.overlap(), f.threads(), Runtime.version());
    out.printf("%-66s %10s %10s%n", "", "wall ms", "CPU ms");
    List<ExchangeBench.Stage> stages = f.stages();
    for (int i = 0; i < stages.size(); i++) {
      if (i == 5) {
        line(out, "total, both Parties one after the other", f.total(), f.totalCpu());
      }
      line(out, stages.get(i).what(), stages.get(i).wall(), stages.get(i).cpu());
      if (i == 4) {
        out.printf("  matched %,d persons (the plain match keys agree on %,d)%n", f.matched(),
            f.expectedMatches());
      }
    }
    if (corpus > 0) {
      rates(out);
    }
    out.flush();
    return 0;
  }

  private void rates(PrintWriter out) {
    SyntheticPersons.Corpus c = SyntheticPersons.generate(corpus, 0.5, seed);
    out.printf("transliteration: %,d generated persons (half Ukrainian), %,d candidates dropped"
        + " for sharing a key with another person%n", corpus, c.collisionsRejected());
    for (SyntheticPersons.PairRate r : SyntheticPersons.matchRates(c.persons())) {
      out.printf("  %-18s ~ %-18s %7.3f %% same key%n", r.a(), r.b(), 100 * r.rate());
    }
  }

  private static void line(PrintWriter out, String what, long wall, long cpu) {
    out.printf("%-66s %10.1f %10.1f%n", what, wall / 1e6, cpu / 1e6);
  }
}
