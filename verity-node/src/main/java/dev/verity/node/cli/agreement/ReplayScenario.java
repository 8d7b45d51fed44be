package dev.verity.node.cli.agreement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.replay.Replay;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A scenario for {@code verity agreement replay --scenario}: several agreements between the same
 * Parties, each with its own steps, replayed side by side (issue 13: the US-Russia demo, where New
 * START is suspended and the 1988 launch notifications go on). A directory holds {@code
 * scenario.yaml} ({@code id}, {@code title}, {@code asOf}, {@code from}: obligations due
 * earlier are outside the scenario and not shown, {@code agreements}: the bundled
 * agreements in the order they are printed) and one steps file {@code <agreement>.jsonl} per
 * agreement; a bundled scenario is such a directory on the class path, under {@code
 * scenarios/<name>/} beside this class.
 *
 * @param source the directory, or null for a bundled scenario
 */
public record ReplayScenario(String id, String title, Instant asOf, Instant from,
    List<String> agreements, Path source) {
  static final String MANIFEST = "scenario.yaml";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .registerModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** What {@code scenario.yaml} holds. */
  record Manifest(String id, String title, Instant asOf, Instant from, List<String> agreements) {}

  /** The scenario a bundled name or a directory names. */
  public static ReplayScenario of(String nameOrDir) throws IOException {
    Path dir = Path.of(nameOrDir);
    if (Files.isDirectory(dir)) {
      try (InputStream in = Files.newInputStream(dir.resolve(MANIFEST))) {
        return from(read(in, dir.resolve(MANIFEST).toString()), dir, null);
      }
    }
    if (!NAME.matcher(nameOrDir).matches()) {
      throw new IllegalArgumentException("--scenario: no directory " + nameOrDir
          + " and no bundled scenario of that name (bundled: us-ru-2023)");
    }
    try (InputStream in = bundled(nameOrDir, MANIFEST)) {
      return from(read(in, "scenario " + nameOrDir), null, nameOrDir);
    }
  }

  /** The scenario {@code m} describes; a bundled one is known by its {@code name}. */
  private static ReplayScenario from(Manifest m, Path dir, String name) {
    if (m.agreements() == null || m.agreements().isEmpty()) {
      throw new IllegalArgumentException(m.id() + ": agreements: expected a list of agreements");
    }
    return new ReplayScenario(name != null ? name : m.id(), m.title(), m.asOf(), m.from(),
        List.copyOf(m.agreements()), dir);
  }

  private static Manifest read(InputStream in, String name) throws IOException {
    try {
      return YAML.readValue(in, Manifest.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": expected id, title, asOf (an ISO 8601 UTC"
          + " instant) and agreements (a list of agreement ids)");
    }
  }

  private static InputStream bundled(String name, String file) {
    InputStream in = ReplayScenario.class.getResourceAsStream("scenarios/" + name + "/" + file);
    if (in == null) {
      throw new IllegalArgumentException("--scenario: no directory " + name + " and no bundled"
          + " scenario of that name (bundled: us-ru-2023)");
    }
    return in;
  }

  /** {@code r} without the obligations due before {@link #from} (outside the scenario). */
  Replay.Result within(Replay.Result r) {
    return from == null ? r : new Replay.Result(r.accepted(), r.refused(), r.obligations()
        .stream().filter(o -> !o.due().isBefore(from)).toList(), r.state(), r.marked());
  }

  /** The steps of {@code agreement} in this scenario ({@code <agreement>.jsonl}). */
  public List<Replay.Input> steps(String agreement) throws IOException {
    String file = agreement + ".jsonl";
    if (source != null) {
      return StepsFile.read(source.resolve(file));
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(bundled(id, file),
        StandardCharsets.UTF_8))) {
      return StepsFile.read(r, "scenario " + id + ": " + file);
    }
  }
}
