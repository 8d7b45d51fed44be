package dev.verity.node.cli.inspection;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.escrow.EscrowVerifier;
import dev.verity.core.escrow.EscrowedDeclaration;
import dev.verity.core.escrow.Reveal;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Facility;
import dev.verity.core.message.Item;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity bench escrow}: commit to a synthetic declaration of --items items (salts, leaves,
 * Merkle tree, aggregates), reveal every item with its inclusion proof, and verify every reveal.
 */
@Command(
    name = "escrow",
    mixinStandardHelpOptions = true,
    description = "Benchmark escrowed declarations: commit to --items items, reveal all with inclusion proofs,"
        + " verify all; best of --rounds after a warm-up.")
public final class EscrowBenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--items", defaultValue = "2000", description = "Items in the declaration (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds; the best is reported (default: ${DEFAULT-VALUE}).")
  int rounds;

  /** A declaration of {@code n} items (silos and ICBMs at BASE-k) under new-start-voluntary-2026, for US. */
  public static Declaration synthetic(int n) {
    List<Facility> fs = new ArrayList<>();
    int bases = Math.max(1, n / 200);
    for (int b = 0; b < bases; b++) {
      fs.add(new Facility("BASE-" + b, null, "icbm-base", null, null));
    }
    List<Item> is = new ArrayList<>(n);
    for (int i = 0; is.size() < n; i++) {
      String base = "BASE-" + (i % bases);
      String silo = String.format("S-%07d", i);
      is.add(Item.of(silo, "icbm-launcher-silo", base));
      if (is.size() < n) {
        is.add(new Item(String.format("M-%07d", i), "icbm", base, silo, null, 1 + i % 3, null, null, null, null));
      }
    }
    return new Declaration("new-start-voluntary-2026", "US", LocalDate.of(2026, 3, 1), null, fs, is);
  }

  @Override
  public Integer call() throws Exception {
    Agreement a = AgreementCatalog.get("new-start-voluntary-2026");
    Declaration d = synthetic(items);
    SecureRandom rnd = new SecureRandom();
    long commit = Long.MAX_VALUE;
    long reveal = Long.MAX_VALUE;
    long verify = Long.MAX_VALUE;
    long proofHashes = 0;
    for (int r = 0; r <= rounds; r++) { // round 0 warms up
      long t0 = System.nanoTime();
      EscrowedDeclaration e = EscrowedDeclaration.commit(a, d, rnd);
      long t1 = System.nanoTime();
      List<Reveal> all = e.revealAll();
      long t2 = System.nanoTime();
      EscrowVerifier.Result res = EscrowVerifier.verify(e.commitment(), all, List.of());
      long t3 = System.nanoTime();
      if (!res.clean() || res.accepted().size() != items) {
        throw new IllegalStateException("bench reveals did not verify: " + res.problems());
      }
      if (r > 0) {
        commit = Math.min(commit, t1 - t0);
        reveal = Math.min(reveal, t2 - t1);
        verify = Math.min(verify, t3 - t2);
      }
      proofHashes = all.stream().mapToLong(x -> x.proof().size()).sum();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("escrow bench: %,d items, best of %d rounds, %s%n", items, rounds, Runtime.version());
    out.printf("commit (salts, leaves, Merkle root, aggregates):  %8.2f ms%n", commit / 1e6);
    out.printf("reveal all %,d items with inclusion proofs:     %8.2f ms (%,d proof hashes)%n", items, reveal / 1e6, proofHashes);
    out.printf("verify all %,d reveals against the commitment:  %8.2f ms%n", items, verify / 1e6);
    out.printf("total commit + reveal + verify:                   %8.2f ms%n", (commit + reveal + verify) / 1e6);
    out.flush();
    return 0;
  }
}
