package dev.verity.node.cli.ceasefire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.csv.Csv;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity ceasefire import --csv FILE}: bulk claims or observations, one a line, each
 * submitted to the node as its own message (client id {@code import-<claim>}, so a second run
 * appends nothing twice). Every bad line is named with its number and field, from this file's
 * checks or from the node's schema and register rules, and the others still go in.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Bulk claims (or, with --observations, the monitor's observations) from a CSV file with the"
          + " header " + CeasefireImport.HEADER + " (assessment, qualifier, attributedTo, means"
          + " and weapon may be left empty). Every refused line is printed with its number;"
          + " exit 3 if any was.",
      "Needs --node URL and an operator token (--token or VERITY_TOKEN)."
    })
final class CeasefireImport implements Callable<Integer> {
  static final String HEADER = "claim,commitment,from,to,region,lat,lon,category,assessment,"
      + "count,qualifier,attributedTo,means,weapon";
  static final List<String> COLUMNS = List.of(HEADER.split(","));
  /** The columns every line fills. */
  static final List<String> MUST = List.of("claim", "commitment", "from", "to", "region", "lat",
      "lon", "category", "count");
  static final int MAX_LINES = 200_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin NodeApiOptions node;

  @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file.")
  Path csv;

  @Option(names = "--observations", description = "File them as the monitor's observations.")
  boolean observations;

  @Override
  public Integer call() throws Exception {
    if (!node.present()) {
      throw new IllegalArgumentException("--node URL is required: claims go to your node");
    }
    List<Csv.Line> lines;
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      lines = Csv.parse(in, MAX_LINES + 1, 4_000);
    } catch (Csv.CsvError e) {
      throw new IllegalArgumentException(csv + " line " + e.line() + ": " + e.getMessage());
    }
    Map<String, Integer> col = header(lines);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int appended = 0;
    int refused = 0;
    for (Csv.Line l : lines.subList(1, lines.size())) {
      String problem = submit(l, col);
      if (problem == null) {
        appended++;
      } else {
        refused++;
        err.println(csv + " line " + l.line() + ": " + problem);
      }
    }
    out.printf("%d line(s) appended or already there, %d refused%n", appended, refused);
    out.flush();
    err.flush();
    return refused == 0 ? 0 : CeasefireCommand.EXIT_RULE_BROKEN;
  }

  private Map<String, Integer> header(List<Csv.Line> lines) {
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(csv + ": empty file, expected the header " + HEADER);
    }
    Map<String, Integer> col = new HashMap<>();
    List<String> h = lines.get(0).fields();
    for (int i = 0; i < h.size(); i++) {
      String name = (i == 0 ? h.get(i).replace("\uFEFF", "") : h.get(i)).strip();
      if (!COLUMNS.contains(name)) {
        throw new IllegalArgumentException(csv + " line 1: " + name + ": not a column (" + HEADER
            + ")");
      }
      col.put(name, i);
    }
    for (String c : MUST) {
      if (!col.containsKey(c)) {
        throw new IllegalArgumentException(csv + " line 1: column " + c + " missing");
      }
    }
    return col;
  }

  /** Submits line {@code l}; null when the node took it, else the problem in words. */
  private String submit(Csv.Line l, Map<String, Integer> col) throws Exception {
    Map<String, String> v = new HashMap<>();
    col.forEach((name, i) -> {
      String s = i < l.fields().size() ? l.fields().get(i).strip() : "";
      if (!s.isEmpty()) {
        v.put(name, s);
      }
    });
    for (String c : MUST) {
      if (!v.containsKey(c)) {
        return c + ": empty";
      }
    }
    ObjectNode o;
    try {
      o = observation(v);
    } catch (NumberFormatException e) {
      return "lat, lon, count: numbers expected (" + e.getMessage() + ")";
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("clientId", "import-" + v.get("claim"));
    body.put("type", observations ? "ceasefire-observation" : "ceasefire-claim");
    body.putObject("message").put("claim", v.get("claim")).set("observation", o);
    NodeApiOptions.Answer a = node.send("POST", "/api/v1/messages", body);
    return a.ok() ? null : a.error();
  }

  private static ObjectNode observation(Map<String, String> v) {
    ObjectNode o = JSON.createObjectNode();
    o.put("commitment", v.get("commitment"));
    o.putObject("period").put("from", v.get("from")).put("to", v.get("to"));
    ObjectNode pos = o.putObject("position").put("region", v.get("region"));
    pos.putObject("place").put("lat", Double.parseDouble(v.get("lat")))
        .put("lon", Double.parseDouble(v.get("lon")));
    if (v.containsKey("means")) {
      o.put("means", v.get("means"));
    }
    o.put("category", v.get("category"));
    if (v.containsKey("assessment")) {
      o.put("assessment", v.get("assessment"));
    }
    o.putObject("count").put("value", Long.parseLong(v.get("count")))
        .put("qualifier", v.getOrDefault("qualifier", "exact"));
    for (String f : List.of("attributedTo", "weapon")) {
      if (v.containsKey(f)) {
        o.put(f, v.get(f));
      }
    }
    return o;
  }
}
