package dev.verity.node.hotline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.core.message.JsonProblems;
import dev.verity.node.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiving Party's duty roster (issue 14; docs/user/hotline.md): who is on duty for which
 * level of the escalation ladder ({@code duty-officer}, {@code watch-commander}, {@code
 * senior-leadership}: the levels a rung {@code notifies}), in which shift (UTC), and where each
 * is notified (targets of node.yaml's {@code notifications:}). An officer's name is the name of
 * their API token, so the name the node writes into a signed acknowledgement is one the roster
 * knows. The file {@code hotline-roster.yaml} sits in the node's directory; without it nobody is
 * notified, and the dashboard and the alarm still show every step.
 *
 * @param officers the officers, in the file's order
 * @param sendLineTests whether this node sends the agreement's scheduled line tests by itself
 *     ({@code sendLineTests: true} in the file)
 */
public record DutyRoster(List<Officer> officers, boolean sendLineTests) {
  /** The roster's file name in the node's directory. */
  public static final String FILE = "hotline-roster.yaml";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final Pattern SHIFT = Pattern.compile("(\\d\\d:\\d\\d)-(\\d\\d:\\d\\d)");
  private static final Set<String> FIELDS = Set.of("name", "levels", "shift", "notify");
  private static final int MAX_OFFICERS = 500;

  public DutyRoster {
    officers = List.copyOf(officers);
  }

  /**
   * One officer: their API token's name, the levels they stand for, their shift (null: always on
   * duty) and their notification targets.
   */
  public record Officer(String name, List<String> levels, Shift shift, List<String> targets) {
    public Officer {
      levels = List.copyOf(levels);
      targets = List.copyOf(targets);
    }

    /** Whether they are on duty at {@code t}. */
    public boolean onDuty(Instant t) {
      return shift == null || shift.covers(t);
    }
  }

  /** A daily shift in UTC, from {@code start} to {@code end}; past midnight when end is earlier. */
  public record Shift(LocalTime start, LocalTime end) {
    boolean covers(Instant t) {
      LocalTime x = LocalTime.ofInstant(t, ZoneOffset.UTC);
      return start.isBefore(end) ? !x.isBefore(start) && x.isBefore(end)
          : !x.isBefore(start) || x.isBefore(end);
    }

    @Override
    public String toString() {
      return start + "-" + end;
    }
  }

  /** No roster: nobody is notified. */
  public static DutyRoster empty() {
    return new DutyRoster(List.of(), false);
  }

  /** The officers on duty at {@code t} for any of {@code levels}, in the file's order. */
  public List<Officer> onDuty(List<String> levels, Instant t) {
    return officers.stream().filter(o -> o.onDuty(t)
        && o.levels().stream().anyMatch(levels::contains)).toList();
  }

  /** The notification targets of the officers on duty at {@code t} for {@code levels}. */
  public Set<String> targets(List<String> levels, Instant t) {
    Set<String> out = new LinkedHashSet<>();
    onDuty(levels, t).forEach(o -> out.addAll(o.targets()));
    return out;
  }

  /** The levels {@code name} stands for on duty at {@code t} (empty: not on the roster then). */
  public List<String> levelsOf(String name, Instant t) {
    return officers.stream().filter(o -> o.name().equals(name) && o.onDuty(t))
        .flatMap(o -> o.levels().stream()).distinct().toList();
  }

  /** The roster in {@code dir}, or {@link #empty()} when the node has none. */
  public static DutyRoster read(Path dir) throws ConfigException {
    Path f = dir.resolve(FILE);
    if (!Files.exists(f)) {
      return empty();
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(f.toFile());
    } catch (JsonProcessingException e) {
      throw new ConfigException(f + ": not YAML: " + JsonProblems.describe(e), e);
    } catch (IOException e) {
      throw new ConfigException(f + ": cannot be read: " + e.getMessage(), e);
    }
    return parse(root, f.toString());
  }

  /** The roster in {@code root}; {@code where} names the file in errors. */
  static DutyRoster parse(JsonNode root, String where) throws ConfigException {
    if (root != null && root.isObject()) {
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("officers") && !f.equals("sendLineTests")) {
          throw new ConfigException(where + ": " + f + ": not a field (officers, sendLineTests)");
        }
      }
    }
    JsonNode send = root == null ? null : root.get("sendLineTests");
    if (send != null && !send.isBoolean()) {
      throw new ConfigException(where + ": sendLineTests: expected true or false");
    }
    JsonNode list = root == null ? null : root.get("officers");
    if (list == null || !list.isArray()) {
      throw new ConfigException(where + ": officers: expected a list of officers");
    }
    if (list.size() > MAX_OFFICERS) {
      throw new ConfigException(where + ": officers: at most " + MAX_OFFICERS);
    }
    List<Officer> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(officer(list.get(i), where + ": officers[" + i + "]"));
    }
    return new DutyRoster(out, send != null && send.asBoolean());
  }

  private static Officer officer(JsonNode o, String at) throws ConfigException {
    if (!o.isObject()) {
      throw new ConfigException(at + ": expected name, levels, shift and notify");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new ConfigException(at + "." + f + ": not a field (name, levels, shift, notify)");
      }
    }
    String name = o.path("name").asText("");
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(at + ".name: an API token's name (letters, digits, . _ @ -),"
          + " not '" + name + "'");
    }
    List<String> levels = names(o.get("levels"), at + ".levels");
    if (levels.isEmpty()) {
      throw new ConfigException(at + ".levels: at least one level, e.g. [duty-officer]");
    }
    return new Officer(name, levels, shift(o.get("shift"), at + ".shift"),
        names(o.get("notify"), at + ".notify"));
  }

  private static List<String> names(JsonNode n, String at) throws ConfigException {
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw new ConfigException(at + ": expected a list, e.g. [duty-officer]");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual() || !NAME.matcher(x.asText()).matches()) {
        throw new ConfigException(at + ": expected names, not " + x);
      }
      out.add(x.asText());
    }
    return out;
  }

  private static Shift shift(JsonNode n, String at) throws ConfigException {
    if (n == null || n.isNull()) {
      return null;
    }
    Matcher m = SHIFT.matcher(n.asText());
    try {
      if (m.matches()) {
        Shift s = new Shift(LocalTime.parse(m.group(1)), LocalTime.parse(m.group(2)));
        if (!s.start().equals(s.end())) {
          return s;
        }
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new ConfigException(at + ": expected HH:MM-HH:MM in UTC (e.g. 22:00-06:00), not '"
        + n.asText() + "'");
  }
}
