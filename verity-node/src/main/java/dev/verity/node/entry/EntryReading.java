package dev.verity.node.entry;

/**
 * An entry of a Party's log as a node reads it: its envelope when it is a Verity entry of that
 * Party within the {@link InputRules}, else why not. Whatever it is, it stays in the Party's signed
 * record (stored, listed, proven); only a readable one is counted.
 *
 * @param envelope the entry, or null if it is not counted
 * @param type what the store lists it as: its message type, {@code unreadable} (not a Verity
 *     entry), {@code foreign-party} (another Party's) or {@code refused} (a type name that breaks
 *     the rules)
 * @param problem why it is not counted, or null
 */
public record EntryReading(Envelope envelope, String type, String problem) {
  public static final String UNREADABLE = "unreadable";

  /** Reads entry {@code index} of {@code party}'s log. */
  public static EntryReading of(String party, long index, byte[] entry) {
    String where = party + "/" + index + ": ";
    Envelope e;
    try {
      e = Envelope.decode(entry);
    } catch (EntryException ex) {
      return new EntryReading(null, UNREADABLE, where + clean(ex.getMessage()));
    }
    if (!party.equals(e.party())) {
      return new EntryReading(
          null,
          "foreign-party",
          where + "an entry of " + printable(e.party()) + " in " + party + "'s log");
    }
    String type = InputRules.isIdentifier(e.type()) ? e.type() : "refused";
    try {
      e.checkRules();
    } catch (InputException ex) {
      return new EntryReading(null, type, where + "breaks the input rules: " + ex.getMessage());
    }
    return new EntryReading(e, type, null);
  }

  /** Whether the entry is counted. */
  public boolean readable() {
    return envelope != null;
  }

  /** A reader's message about a peer's bytes, safe to show: one line, printable, short. */
  static String clean(String m) {
    String line = m.split("\n")[0].replaceAll("\\s*at \\[Source:.*", "");
    String t = line.length() > 200 ? line.substring(0, 200) + "..." : line;
    return t.replaceAll("[^\\x20-\\x7e]", "?");
  }

  private static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return "\"" + t.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }
}
