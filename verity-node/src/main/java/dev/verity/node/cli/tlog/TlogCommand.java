package dev.verity.node.cli.tlog;

import dev.verity.tlog.checkpoint.SignedCheckpoint;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.proof.TlogProof;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity tlog}: append to, check and prove from a C2SP tlog-tiles log. */
@Command(name = "tlog", description = "Append to, check (fsck) and prove from a C2SP tlog-tiles log.",
    mixinStandardHelpOptions = true, subcommands = {TlogAppendCommand.class, TlogFsckCommand.class,
        TlogProveCommand.class, TlogCommand.VerifyProof.class, LogDemoCommand.class})
public final class TlogCommand {

  /** {@code verity tlog verify-proof --key VKEY --entry FILE [--origin O] [PROOF]}. */
  @Command(name = "verify-proof", mixinStandardHelpOptions = true,
      description = "Verifies a C2SP tlog-proof for an entry against trusted log keys.")
  static final class VerifyProof implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true,
        description = "trusted log (and witness) verifier key file or string; repeatable")
    List<String> keys;

    @Option(names = "--entry", required = true,
        description = "the entry's bytes (tlog-proof does not carry the entry)")
    Path entry;

    @Option(names = "--origin", description = "the log's origin (default: first key's name)")
    String origin;

    @Parameters(arity = "0..1", paramLabel = "PROOF", description = "proof (default: stdin)")
    Path file;

    @Override
    public Integer call() throws Exception {
      List<NoteVerifier> vs = new ArrayList<>();
      for (String k : keys) {
        vs.add(CosignatureV1.parseAnyVerifier(CliIo.key(k)));
      }
      String o = origin != null ? origin : vs.get(0).name();
      TlogProof proof = TlogProof.parse(CliIo.readInput(file));
      SignedCheckpoint sc = proof.verifyEntry(Files.readAllBytes(entry), o,
          NoteVerifiers.of(vs));
      var out = spec.commandLine().getOut();
      out.println("verified: index " + proof.index() + " of " + o + " at size "
          + sc.checkpoint().size());
      sc.note().verifiedNames().forEach(n -> out.println("signed by " + n));
      out.flush();
      return 0;
    }
  }
}
