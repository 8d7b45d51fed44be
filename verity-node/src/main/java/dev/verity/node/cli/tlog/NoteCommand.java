package dev.verity.node.cli.tlog;

import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.note.VerifiedNote;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verity note}: sign and verify C2SP signed notes. */
@Command(name = "note", description = "Sign and verify C2SP signed notes.",
    mixinStandardHelpOptions = true, subcommands = {NoteCommand.Sign.class,
        NoteCommand.Verify.class})
public final class NoteCommand {

  /** {@code verity note sign --key SKEY [FILE]}. */
  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Signs a note text (or adds a signature to a signed note) and prints it.")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "signer key file (or key string)")
    String key;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "input (default: stdin)")
    Path file;

    @Override
    public Integer call() throws Exception {
      var signer = NoteKeys.parseSigner(CliIo.key(key));
      byte[] in = CliIo.readInput(file);
      SignedNote signed;
      SignedNote existing = null;
      try {
        existing = SignedNote.parse(in);
      } catch (NoteException notSigned) {
        // a plain text: sign it
      }
      if (existing != null) {
        signed = existing.addSignatures(List.of(signer));
      } else {
        signed = SignedNote.sign(new String(in, StandardCharsets.UTF_8), signer);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(signed.format());
      out.flush();
      return 0;
    }
  }

  /** {@code verity note verify --key VKEY [--key VKEY...] [FILE]}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Verifies a signed note and prints the names of the keys that signed it.")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true,
        description = "trusted verifier key file or key string (type 0x01 or 0x04); repeatable")
    List<String> keys;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "signed note (default: stdin)")
    Path file;

    @Override
    public Integer call() throws Exception {
      List<NoteVerifier> vs = new ArrayList<>();
      for (String k : keys) {
        vs.add(CosignatureV1.parseAnyVerifier(CliIo.key(k)));
      }
      VerifiedNote n = SignedNote.parse(CliIo.readInput(file)).verify(NoteVerifiers.of(vs));
      PrintWriter out = spec.commandLine().getOut();
      n.verifiedNames().forEach(out::println);
      out.flush();
      return 0;
    }
  }
}
