package dev.verity.core.talks;

import dev.verity.core.selection.Canonical;
import dev.verity.core.selection.Sha256;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The hash of a text version: SHA-256 (hex) of {@code str("verity/talks/text/v1") || str(text id)
 * || str(kind) || str(term or "") || u32(n) || n × (str(clause id) || str(wording))}, with
 * {@code str} a 4-byte length and UTF-8. The text's id and kind are inside, so a signature on a
 * hash cannot be carried to another text; the version number is not, so the same wording has the
 * same hash whichever version brought it.
 */
public final class Texts {
  static final String DOMAIN = "verity/talks/text/v1";

  private Texts() {}

  public static String hash(String text, TextKind kind, String term, List<Clause> clauses) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Canonical.str(DOMAIN));
    out.writeBytes(Canonical.str(text));
    out.writeBytes(Canonical.str(kind.label()));
    out.writeBytes(Canonical.str(term == null ? "" : term));
    out.writeBytes(Canonical.u32(clauses.size()));
    for (Clause c : clauses) {
      out.writeBytes(Canonical.str(c.id()));
      out.writeBytes(Canonical.str(c.text()));
    }
    return Canonical.hex(Sha256.of(out.toByteArray()));
  }

  /** The hash of what {@code s} submits. */
  public static String hash(TextSubmission s) {
    return hash(s.text(), s.kind(), s.term(), s.clauses());
  }
}
