package dev.verity.node.vault;

import dev.verity.node.vault.VaultContents.StoredList;
import dev.verity.node.vault.VaultContents.StoredPerson;
import java.io.IOException;
import java.util.List;

/**
 * The export for the ICRC Central Tracing Agency (docs/formats/exchange.md, "Export for the
 * Central Tracing Agency"): UTF-8 CSV (RFC 4180), one row per person per list, with the GC III
 * Art. 17 identity (Art. 122 lists the data an Information Bureau forwards to the Agency) and
 * what lets the Agency check each row against the list the Party committed in its log: the
 * entry's commitment, its salt, its index, and the list's root and count.
 */
final class CtaExport {
  static final String HEADER = "exchange,party,list,category,surname,first_names,date_of_birth,"
      + "service_number,commitment,salt,index,list_root,list_count";

  private CtaExport() {}

  static int write(List<StoredList> lists, Appendable out) throws IOException {
    out.append(HEADER).append("\r\n");
    int n = 0;
    for (StoredList l : lists) {
      for (StoredPerson p : l.persons()) {
        row(out, l.exchange(), l.party(), l.kind(), l.category(), p.surname(), p.firstNames(),
            p.dateOfBirth(), p.serviceNumber() == null ? "" : p.serviceNumber(),
            PersonalDataVault.commitmentHex(l, p), p.salt(), Integer.toString(p.index()),
            l.root(), Integer.toString(l.count()));
        n++;
      }
    }
    return n;
  }

  private static void row(Appendable out, String... fields) throws IOException {
    for (int i = 0; i < fields.length; i++) {
      out.append(i == 0 ? "" : ",").append(field(fields[i]));
    }
    out.append("\r\n");
  }

  /** RFC 4180: quoted when it holds a comma, a quote or a line break; quotes doubled. */
  static String field(String s) {
    boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0;
    return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
