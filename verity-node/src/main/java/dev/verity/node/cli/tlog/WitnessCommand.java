package dev.verity.node.cli.tlog;

import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteVerifier;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.witness.Witness;
import dev.verity.tlog.witness.WitnessServer;
import dev.verity.tlog.witness.WitnessState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code verity witness}: a C2SP tlog-witness. */
@Command(name = "witness", description = "A C2SP tlog-witness (HTTP add-checkpoint).",
    mixinStandardHelpOptions = true, subcommands = {WitnessCommand.Serve.class})
public final class WitnessCommand {

  /** {@code verity witness serve --port P --state DIR --key SKEY --log-key VKEY...}. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serves POST /add-checkpoint for the listed logs until killed.")
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--port", required = true, description = "TCP port (0: any free port)")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address to bind")
    String bind;

    @Option(names = "--state", required = true, description = "directory of the witness state")
    Path state;

    @Option(names = "--key", required = true,
        description = "the witness's signer key file (type 0x04, or a legacy 0x01 key)")
    String key;

    @Option(names = "--log-key", required = true,
        description = "a log's verifier key file or string; repeatable")
    List<String> logKeys;

    @Option(names = "--origin",
        description = "origin of the log of the --log-key at the same position "
            + "(default: the key's name); repeatable")
    List<String> origins = new ArrayList<>();

    /** Set by tests to stop the server; the command line itself runs until killed. */
    CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
      var cosigner = CosignatureV1.parseSigner(CliIo.key(key), Clock.systemUTC());
      if (origins.size() > logKeys.size()) {
        throw new IllegalArgumentException("more --origin than --log-key options");
      }
      Map<String, List<NoteVerifier>> byOrigin = new LinkedHashMap<>();
      for (int i = 0; i < logKeys.size(); i++) {
        NoteVerifier v = NoteKeys.parseVerifier(CliIo.key(logKeys.get(i)));
        String origin = i < origins.size() ? origins.get(i) : v.name();
        byOrigin.computeIfAbsent(origin, o -> new ArrayList<>()).add(v);
      }
      Map<String, NoteVerifiers> logs = new LinkedHashMap<>();
      byOrigin.forEach((o, vs) -> logs.put(o, NoteVerifiers.of(vs)));
      Witness w = Witness.create(List.of(cosigner), logs, WitnessState.inDirectory(state),
          Clock.systemUTC());
      WitnessServer server = WitnessServer.start(w, new InetSocketAddress(bind, port));
      Thread hook = new Thread(server::close, "witness-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      var out = spec.commandLine().getOut();
      out.println(server.url());
      out.println("witness " + cosigner.verifierKey());
      for (String o : logs.keySet()) {
        out.println("log " + o);
      }
      out.flush();
      try {
        stop.await();
      } finally {
        server.close();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or has run
        }
      }
      return 0;
    }
  }
}
