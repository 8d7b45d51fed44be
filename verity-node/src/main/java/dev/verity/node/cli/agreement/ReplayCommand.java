package dev.verity.node.cli.agreement;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.ceasefire.CeasefireRegime;
import dev.verity.core.ceasefire.CheckedReport;
import dev.verity.core.ceasefire.Register;
import dev.verity.core.replay.Replay;
import dev.verity.core.replay.Replay.Input;
import dev.verity.core.replay.Replay.Marked;
import dev.verity.core.replay.Replay.Owed;
import dev.verity.core.replay.Replay.Refused;
import dev.verity.core.replay.Replay.Result;
import dev.verity.node.json.CanonicalJson;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity agreement replay}: the offline evaluator (issue 12). Folds a file of steps under
 * an agreement without a node and prints what was accepted, what was refused and why, the
 * obligations as of an instant and each regime's state. Exit 0 when every step was accepted, 3
 * when some were refused (the output is complete either way), 1 for bad input.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Fold a file of steps (JSON lines) under an agreement, offline, and print the"
        + " verdicts, the obligations and each regime's state.")
public final class ReplayCommand implements Callable<Integer> {
  static final int EXIT_REFUSED = 3;
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** Output formats. */
  enum Format { json, text }

  @Spec CommandSpec spec;

  @Option(names = "--agreement", paramLabel = "ID|FILE",
      description = "A bundled agreement (see 'agreement list') or a YAML file; with --scenario,"
          + " replay only this one of its agreements.")
  String agreement;

  @Option(names = "--steps", paramLabel = "FILE",
      description = "One step a line: {\"at\": INSTANT, \"party\": ID, \"type\": TYPE,"
          + " \"fields\": {...}}.")
  Path steps;

  @Option(names = "--entries", paramLabel = "FILE", split = ",",
      description = "Parties' logs instead of --steps: verity-entries/v1 files as 'verity node"
          + " export' writes them, one Party's log each, folded as a node folds them.")
  List<Path> entries;

  @Option(names = "--ceasefire-report", paramLabel = "COMMITMENT/DATE",
      description = "Print only the register's daily report of COMMITMENT for DATE"
          + " (YYYY-MM-DD) with its previous-period rule, as canonical JSON: the bytes a node's"
          + " GET /api/v1/ceasefire/reports/COMMITMENT/DATE answers.")
  String ceasefireReport;

  @Option(names = "--scenario", paramLabel = "NAME|DIR",
      description = "Replay each agreement of a scenario: a bundled one (us-ru-2023) or a"
          + " directory with scenario.yaml and one <agreement>.jsonl per agreement.")
  String scenario;

  @Option(names = "--as-of", paramLabel = "INSTANT",
      description = "Judge the obligations as of this UTC instant (default: the latest step's,"
          + " or the scenario's asOf).")
  String asOf;

  @Option(names = "--format", defaultValue = "json", description = "json or text (default:"
      + " ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws Exception {
    if (scenario != null) {
      return scenario();
    }
    if (agreement == null || (steps == null) == (entries == null)) {
      throw new IllegalArgumentException("give --agreement and --steps (or --entries), or"
          + " --scenario");
    }
    Agreement a = AgreementFiles.agreement(agreement);
    Instant when = asOf();
    List<Input> in = steps != null ? StepsFile.read(steps) : EntriesSteps.read(entries);
    if (ceasefireReport != null) {
      return ceasefireReport(a, in);
    }
    Result r = Replay.run(a, in, when);
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
    } else {
      text(out, a, in, r, when);
    }
    out.flush();
    return r.refused().isEmpty() ? 0 : EXIT_REFUSED;
  }

  /**
   * Each agreement of the scenario replayed on its own (each has its own life: a suspension of
   * one leaves the others in force), printed one after the other: what was exchanged, where the
   * agreement stands, its obligations.
   */
  private int scenario() throws Exception {
    if (steps != null) {
      throw new IllegalArgumentException("--steps and --scenario: give one of them");
    }
    ReplayScenario s = ReplayScenario.of(scenario);
    Instant when = asOf != null ? asOf() : s.asOf();
    List<String> ids = agreement == null ? s.agreements() : List.of(agreement);
    if (!s.agreements().containsAll(ids)) {
      throw new IllegalArgumentException("--agreement: scenario " + s.id() + " has "
          + s.agreements() + ", not " + agreement);
    }
    Map<String, Result> results = new LinkedHashMap<>();
    PrintWriter out = spec.commandLine().getOut();
    if (format == Format.text) {
      out.printf("scenario %s: %s%n", s.id(), s.title());
    }
    for (String id : ids) {
      Agreement a = AgreementFiles.agreement(id);
      List<Input> in = s.steps(id);
      Result all = Replay.run(a, in, when);
      Result r = s.within(all);
      results.put(id, r);
      if (format == Format.text) {
        out.printf("%n== %s: %s ==%n", a.id(), a.title());
        ScenarioText.summary(out, a, in, r, when);
        int outside = all.obligations().size() - r.obligations().size();
        if (outside > 0) {
          out.printf("(%d obligations due before %s, outside the scenario, not shown)%n",
              outside, s.from());
        }
        text(out, a, in, r, when);
      }
    }
    if (format == Format.json) {
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of(
          "scenario", s.id(), "asOf", when, "agreements", results)));
    }
    out.flush();
    return results.values().stream().allMatch(r -> r.refused().isEmpty()) ? 0 : EXIT_REFUSED;
  }

  /** The daily report the nodes serve, from the register folded offline. */
  private int ceasefireReport(Agreement a, List<Input> in) throws Exception {
    int slash = ceasefireReport.indexOf('/');
    LocalDate date;
    try {
      date = LocalDate.parse(ceasefireReport.substring(slash + 1));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--ceasefire-report: COMMITMENT/YYYY-MM-DD, not "
          + ceasefireReport);
    }
    String commitment = ceasefireReport.substring(0, Math.max(slash, 0));
    Register r = Replay.evaluator(a, in).state(CeasefireRegime.ID, Register.class).orElseThrow(
        () -> new IllegalArgumentException(a.id() + " holds no ceasefire register"));
    CheckedReport report = r.checkedReport(commitment, date).orElseThrow(() ->
        new IllegalArgumentException("no report of " + commitment + " for " + date
            + ": no such commitment, before it took effect, after its end, or ahead"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(new String(CanonicalJson.mapper().writeValueAsBytes(report),
        StandardCharsets.UTF_8));
    out.flush();
    return 0;
  }

  private Instant asOf() {
    if (asOf == null) {
      return null;
    }
    try {
      if (asOf.endsWith("Z")) {
        return Instant.parse(asOf);
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new IllegalArgumentException("--as-of: expected an ISO 8601 UTC instant such as"
        + " 2020-10-01T10:00:00Z, not '" + asOf + "'");
  }

  private static void text(PrintWriter out, Agreement a, List<Input> in, Result r,
      Instant asOf) throws Exception {
    out.printf("%s: %d steps, %d accepted, %d refused%n", a.id(), in.size(), r.accepted().size(),
        r.refused().size());
    for (Refused x : r.refused()) {
      out.printf("  refused line %d: %s (%s): %s%n", x.index() + 1, x.refusal().label(), x.rule(),
          x.reason());
    }
    for (Marked m : r.marked()) {
      out.printf("  marked line %d: taken while the agreement was %s%n", m.index() + 1,
          m.standing().label().replace('-', ' '));
    }
    Instant judged = asOf != null ? asOf : in.stream().map(Input::at)
        .max(Instant::compareTo).orElse(null);
    out.printf("obligations as of %s:%n", judged);
    for (Owed o : r.obligations()) {
      out.printf("  %-8s %-11s %-10s %-24s %-16s %-4s due %s%s%n", o.status().label(),
          o.regime(), o.kind().label(), o.type(), o.subject(), o.party(), o.due(),
          o.metBy() == null ? "" : " (line " + (o.metBy() + 1) + ")");
    }
    out.println("state:");
    for (Map.Entry<String, Object> e : r.state().entrySet()) {
      out.println("  " + e.getKey() + ": " + JSON.writeValueAsString(e.getValue()));
    }
  }
}
