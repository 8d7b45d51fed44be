package dev.verity.core.compliance;

import dev.verity.core.agreement.Aggregate;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.Party;
import dev.verity.core.csv.Csv;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A published table of aggregates (e.g. ../shared/data/new-start-aggregates.csv): a {@code
 * data_as_of} column, then {@code <csvPrefix>_<csvColumn>} for each Party and aggregate of the
 * agreement. Other columns (verification status, source, notes) are kept as they are.
 */
public final class AggregatesTable {

  /** One row for one Party; a blank cell is a null value (unknown, not 0). */
  public record Row(int line, LocalDate asOf, String party, Map<String, Long> values, Map<String, String> extra) {

    public boolean known() {
      return values.values().stream().anyMatch(v -> v != null);
    }
  }

  private AggregatesTable() {}

  /** Reads the table; each data row yields one {@link Row} per bound Party of the agreement. */
  public static List<Row> read(String source, Reader in, Agreement agreement) throws ComplianceException {
    List<Csv.Line> records;
    try {
      records = Csv.parse(new BufferedReader(in));
    } catch (IOException e) {
      throw new ComplianceException(source + ": cannot read: " + e.getMessage());
    } catch (Csv.CsvError e) {
      throw new ComplianceException(source + ": line " + e.line() + ": " + e.getMessage());
    }
    if (records.isEmpty()) {
      throw new ComplianceException(source + ": line 1: empty file, expected a header");
    }
    List<String> header = records.get(0).fields();
    Map<String, Integer> col = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      col.put(header.get(i).trim(), i);
    }
    Integer dateCol = col.get("data_as_of");
    if (dateCol == null) {
      throw new ComplianceException(source + ": line 1: no column 'data_as_of'");
    }
    List<Party> parties = agreement.boundParties();
    boolean any = false;
    for (Party p : parties) {
      for (Aggregate a : agreement.aggregates()) {
        any |= p.csvPrefix() != null && col.containsKey(p.csvPrefix() + "_" + a.csvColumn());
      }
    }
    if (!any) {
      throw new ComplianceException(source + ": line 1: no column of " + agreement.id()
          + " (expected e.g. <party prefix>_" + agreement.aggregates().get(0).csvColumn() + ")");
    }
    List<Row> out = new ArrayList<>();
    LocalDate previous = null;
    for (int r = 1; r < records.size(); r++) {
      List<String> rec = records.get(r).fields();
      int line = records.get(r).line();
      if (rec.size() == 1 && rec.get(0).isBlank()) {
        continue;
      }
      if (rec.size() != header.size()) {
        throw new ComplianceException(source + ": line " + line + ": " + rec.size() + " fields, the header has " + header.size());
      }
      LocalDate asOf;
      try {
        asOf = LocalDate.parse(rec.get(dateCol).trim());
      } catch (DateTimeParseException e) {
        throw new ComplianceException(source + ": line " + line + ", column data_as_of: not a date: '" + rec.get(dateCol) + "'");
      }
      if (previous != null && asOf.isBefore(previous)) {
        throw new ComplianceException(source + ": line " + line + ", column data_as_of: dates out of order (" + asOf + " after " + previous + ")");
      }
      previous = asOf;
      Map<String, String> extra = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        if (!header.get(i).matches("[a-z]+_.*") || header.get(i).equals("data_as_of")) {
          extra.put(header.get(i), rec.get(i));
        }
      }
      for (Party p : parties) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (Aggregate a : agreement.aggregates()) {
          String name = p.csvPrefix() == null ? null : p.csvPrefix() + "_" + a.csvColumn();
          Integer c = name == null ? null : col.get(name);
          String cell = c == null ? "" : rec.get(c).trim();
          if (cell.isEmpty()) {
            values.put(a.id(), null);
          } else {
            try {
              values.put(a.id(), Long.parseLong(cell));
            } catch (NumberFormatException e) {
              throw new ComplianceException(source + ": line " + line + ", column " + name + ": not a number: '" + cell + "'");
            }
          }
        }
        out.add(new Row(line, asOf, p.id(), values, extra));
      }
    }
    return out;
  }

  /** Evaluates every row: one result per row and Party, in table order. */
  public static List<PartyCompliance> evaluate(List<Row> rows, Agreement agreement) {
    ComplianceEvaluator ev = new ComplianceEvaluator(agreement);
    return rows.stream().map(r -> ev.evaluate(r.asOf(), r.party(), r.values())).toList();
  }
}
