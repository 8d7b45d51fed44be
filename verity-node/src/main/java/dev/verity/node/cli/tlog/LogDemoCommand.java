package dev.verity.node.cli.tlog;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.compliance.AggregatesTable;
import dev.verity.core.compliance.ComplianceEvaluator;
import dev.verity.core.compliance.LimitResult;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.Notification;
import dev.verity.core.scenario.ForceTemplates;
import dev.verity.core.scenario.PublishedData;
import dev.verity.core.scenario.Scenario;
import dev.verity.core.scenario.ScenarioGenerator;
import dev.verity.tlog.audit.AuditReport;
import dev.verity.tlog.checkpoint.LogCheckpoints;
import dev.verity.tlog.cosignature.CosignatureV1;
import dev.verity.tlog.cosignature.CosignatureVerifier;
import dev.verity.tlog.log.LogReader;
import dev.verity.tlog.log.LogWriter;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteSignature;
import dev.verity.tlog.note.NoteVerifiers;
import dev.verity.tlog.note.SignedNote;
import dev.verity.tlog.proof.TlogProof;
import dev.verity.tlog.storage.CheckpointReader;
import dev.verity.tlog.witness.AddCheckpointRequest;
import dev.verity.tlog.witness.Witness;
import dev.verity.tlog.witness.WitnessServer;
import dev.verity.tlog.witness.WitnessState;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity tlog demo}: the witnessed log end to end on this machine, without a node. The
 * United States' log receives a stretch of a generated New START notification history; a
 * Russian witness, over HTTP on 127.0.0.1, checks each new checkpoint against the last one and
 * returns its cosignature — the receipt. Then the log is audited, one entry is proved offline,
 * and the limits are evaluated from the same entries.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Runs Verity's witnessed log end to end on this machine: a United States log "
        + "of New START notifications, witnessed and cosigned by a Russian witness over HTTP, "
        + "audited, proved, and evaluated against the limits.",
        "Needs no server; everything it writes goes under --dir (default: a new temporary "
            + "folder, kept so you can look at it)."})
public final class LogDemoCommand implements Callable<Integer> {
  private static final String ORIGIN = "verity.example/new-start/US";
  private static final String WITNESS = "verity.example/new-start/RU";

  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", description = "work folder (default: temporary)")
  Path dir;

  @Option(names = "--headless", description = "never wait for input (the log demo never does)")
  boolean headless;

  @Option(names = "--batch", defaultValue = "25", description = "entries per checkpoint (25)")
  int batch;

  @Option(names = "--from", defaultValue = "2020-09-01",
      description = "the data exchange the history starts from (2020-09-01)")
  LocalDate from;

  @Option(names = "--through", defaultValue = "2021-03-01",
      description = "the next data exchange, where the history ends (2021-03-01)")
  LocalDate through;

  private PrintWriter out;
  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("verity-demo");
    Agreement agreement = AgreementCatalog.get("new-start");
    Scenario scenario = scenario(agreement);
    List<Notification> history = scenario.notifications().stream()
        .filter(n -> n.party().equals("US")).toList();
    out.printf("Verity demo in %s%n%d US notifications under %s, %s to %s%n%n", work,
        history.size(), agreement.title(), from, through);

    NoteKeys.KeyPair log = NoteKeys.generate(ORIGIN, (byte) 0x01, new SecureRandom());
    NoteKeys.KeyPair witness = NoteKeys.generate(WITNESS, (byte) 0x04, new SecureRandom());
    CheckpointReader reader = LogCheckpoints.reader(log.verifierKey());
    Path logDir = work.resolve("us-log");
    try (WitnessServer server = startWitness(log, witness, work.resolve("ru-witness"));
        LogWriter writer = LogDirectory.openForAppend(logDir,
            LogCheckpoints.signer(log.signerKey()), reader)) {
      out.println("Russian witness listening on " + server.url());
      appendAndWitness(history, writer, logDir, reader, server.url(), witness);
    }
    audit(logDir, reader);
    prove(logDir, reader, history.size() / 2, log);
    limits(agreement, scenario, history);
    out.printf("%nEverything is in %s (us-log/ is a C2SP tlog-tiles log: try%n"
        + "  ./verity tlog fsck --log %s --key '%s')%n", work, logDir, log.verifierKey());
    out.flush();
    return 0;
  }

  private Scenario scenario(Agreement agreement) throws Exception {
    List<AggregatesTable.Row> rows;
    try (Reader r = PublishedData.newStartAggregates()) {
      rows = AggregatesTable.read(PublishedData.NEW_START_AGGREGATES, r, agreement);
    }
    return new ScenarioGenerator(agreement, rows, ForceTemplates.bundled())
        .generate(from, through, 0, 2026L);
  }

  private WitnessServer startWitness(NoteKeys.KeyPair log, NoteKeys.KeyPair witness, Path state)
      throws Exception {
    Witness w = Witness.create(
        List.of(CosignatureV1.parseSigner(witness.signerKey(), Clock.systemUTC())),
        Map.of(ORIGIN, NoteVerifiers.of(NoteKeys.parseVerifier(log.verifierKey()))),
        WitnessState.inDirectory(state), Clock.systemUTC());
    return WitnessServer.start(w, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  private void appendAndWitness(List<Notification> history, LogWriter writer, Path logDir,
      CheckpointReader reader, URI witnessUrl, NoteKeys.KeyPair witness) throws Exception {
    CosignatureVerifier cosigner = CosignatureV1.parseVerifier(witness.verifierKey());
    long witnessed = 0;
    for (int start = 0; start < history.size(); start += batch) {
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      for (Notification n : history.subList(start, Math.min(history.size(), start + batch))) {
        pending.add(writer.appendAsync(DataExchangeJson.write(n).getBytes(StandardCharsets.UTF_8)));
      }
      pending.forEach(CompletableFuture::join);
      long t0 = System.nanoTime();
      String checkpoint = Files.readString(logDir.resolve("checkpoint"), StandardCharsets.UTF_8);
      long size = writer.treeHead().size();
      List<Hash> proof = witnessed == 0 ? List.of()
          : LogDirectory.read(logDir, reader).consistencyProof(witnessed, size).path();
      String lines = addCheckpoint(witnessUrl, new AddCheckpointRequest(witnessed, proof,
          checkpoint));
      Instant at = Instant.ofEpochSecond(receipt(checkpoint, lines, cosigner));
      out.printf("entries %4d..%-4d checkpoint size %-4d cosigned by %s at %s (%.1f ms)%n",
          witnessed, size - 1, size, WITNESS, at, (System.nanoTime() - t0) / 1e6);
      witnessed = size;
    }
  }

  private String addCheckpoint(URI witness, AddCheckpointRequest req) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(witness.resolve("add-checkpoint"))
        .POST(HttpRequest.BodyPublishers.ofString(req.format())).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("witness answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  // The cosignature is the receipt: it must verify over exactly the checkpoint we published.
  private static long receipt(String checkpoint, String lines, CosignatureVerifier cosigner)
      throws Exception {
    SignedNote note = SignedNote.parse(checkpoint + lines);
    String body = note.text();
    for (NoteSignature s : note.signatures()) {
      if (s.name().equals(cosigner.name()) && s.keyId() == cosigner.keyId()) {
        return cosigner.verifyCosignature(body, s);
      }
    }
    throw new IllegalStateException("the witness returned no cosignature of its own");
  }

  private void audit(Path logDir, CheckpointReader reader) throws Exception {
    AuditReport r = LogDirectory.audit(logDir, reader);
    out.printf("%nfsck: size %d, root %s, %s%n", r.treeHead().orElseThrow().size(),
        r.treeHead().orElseThrow().root().base64(), r.isClean() ? "clean" : r.problems());
    if (!r.isClean()) {
      throw new IllegalStateException("the demo log did not audit clean: " + r.problems());
    }
  }

  private void prove(Path logDir, CheckpointReader reader, long index, NoteKeys.KeyPair log)
      throws Exception {
    LogReader lr = LogDirectory.read(logDir, reader);
    long size = lr.treeHead().size();
    String checkpoint = Files.readString(logDir.resolve("checkpoint"), StandardCharsets.UTF_8);
    TlogProof proof = TlogProof.of(lr.inclusionProof(index, size), checkpoint);
    proof.verifyEntry(lr.entry(index), ORIGIN,
        NoteVerifiers.of(NoteKeys.parseVerifier(log.verifierKey())));
    out.printf("offline proof (C2SP tlog-proof) of entry %d verified against the signed "
        + "checkpoint of size %d:%n%s", index, size, proof.format());
  }

  private void limits(Agreement agreement, Scenario scenario, List<Notification> history)
      throws Exception {
    Declaration d = scenario.declarations().stream()
        .filter(x -> x.party().equals("US") && x.asOf().equals(from)).findFirst().orElseThrow();
    Inventory inventory = Inventory.of(agreement, "demo", d);
    for (Notification n : history) {
      inventory.apply(n);
    }
    out.printf("%nUS against the New START central limits after these entries (as of %s):%n",
        through);
    for (LimitResult l : new ComplianceEvaluator(agreement)
        .evaluate(through, "US", inventory.aggregates()).limits()) {
      out.printf("  %-36s %6s of %6d  %s%n", l.name(), l.value(), l.max(), l.status().label());
    }
  }
}
