package dev.verity.node.entry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the JSON of a message may hold, checked in one place for what an operator submits and for
 * what a peer's entry carries, so that what a node signs is exactly what every node counts
 * (docs/formats/api.md, "Canonical input"):
 *
 * <ul>
 *   <li>every string, and every member name, is well-formed Unicode: a lone UTF-16 surrogate has no
 *       UTF-8 encoding (RFC 3629 §3), and Java writes it as {@code ?}, so two different strings
 *       would sign as the same bytes;
 *   <li>no string holds NUL or another C0 control character but tab, line feed and carriage return,
 *       nor a bidirectional embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069:
 *       the "Trojan Source" characters, CVE-2021-42574), which can make one name display as
 *       another, in the Arabic dashboard too;
 *   <li>unique identifiers and the other identifier fields ({@link #IDENTIFIER_FIELDS}) are 1–64
 *       characters of the printable set {@code A–Z a–z 0–9 . _ : / # -}, starting with a letter or
 *       a digit;
 *   <li>other strings are at most {@link #MAX_TEXT} characters;
 *   <li>integer fields ({@link #INTEGER_FIELDS}) hold integers: {@code 871.7} is refused rather
 *       than signed as it is and counted as 871.
 * </ul>
 */
public final class InputRules {
  /** A unique identifier, facility, inspection, session...: printable ASCII, no spaces. */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/#-]{0,63}");

  /** Names and free text (a commission decision's text is the longest). */
  public static final int MAX_TEXT = 4096;

  /** Members whose string values (or array of strings) are identifiers. */
  static final Set<String> IDENTIFIER_FIELDS =
      Set.of(
          "id",
          "item",
          "facility",
          "launcher",
          "carrier",
          "inspection",
          "exhibition",
          "session",
          "decision",
          "missile",
          "bombers",
          "uniqueIdentifiers",
          "inspectedParty",
          "party",
          "agreement",
          "kind",
          "itemKind",
          "type",
          "armament");

  /** Members that hold integers. */
  static final Set<String> INTEGER_FIELDS =
      Set.of(
          "number",
          "warheads",
          "index",
          "count",
          "part",
          "inspectionType",
          "bomberCount",
          "size",
          "v");

  private InputRules() {}

  /**
   * Checks {@code node} and everything in it; {@code path} names it in errors ({@code message}).
   */
  public static void check(JsonNode node, String path) throws InputException {
    check(node, path, null);
  }

  private static void check(JsonNode n, String path, String member) throws InputException {
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        String at = path + "." + f.getKey();
        text(f.getKey(), at, "a member name", 64);
        check(f.getValue(), at, f.getKey());
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        check(n.get(i), path + "[" + i + "]", member);
      }
    } else if (n.isTextual()) {
      if (member != null && IDENTIFIER_FIELDS.contains(member)) {
        identifier(n.textValue(), path);
      } else {
        text(n.textValue(), path, "text", MAX_TEXT);
      }
    } else if (n.isNumber()
        && member != null
        && INTEGER_FIELDS.contains(member)
        && !n.isIntegralNumber()) {
      throw new InputException(path, "an integer, not " + n.asText());
    }
  }

  /** An identifier: well-formed, from the printable set, 1–64 characters. */
  public static void identifier(String s, String path) throws InputException {
    text(s, path, "an identifier", 64);
    if (!isIdentifier(s)) {
      throw new InputException(
          path,
          "an identifier: 1-64 characters of A-Z a-z 0-9 . _ : / # -,"
              + " starting with a letter or digit, not \""
              + s
              + "\"");
    }
  }

  /**
   * Whether {@code s} matches {@link #IDENTIFIER}, by a scan of its characters: every entry's
   * envelope and most of its fields are identifiers, checked on submit and again on every entry
   * mirrored, and the regular expression was the largest cost of both in a profile (issue 18).
   * {@code InputRulesTest} checks the two agree.
   */
  public static boolean isIdentifier(String s) {
    int n = s.length();
    if (n == 0 || n > 64 || !isAlnum(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && ".:_/#-".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
  }

  /**
   * A name or free text: well-formed Unicode, no control or bidi character, at most {@code max}.
   */
  public static void text(String s, String path, String what, int max) throws InputException {
    if (s.length() > max) {
      throw new InputException(
          path, what + " of at most " + max + " characters, not " + s.length());
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InputException(
            path,
            "a lone UTF-16 surrogate (U+" + hex(c) + ") at character " + i + ": not Unicode text");
      } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
        throw new InputException(path, "a control character (U+" + hex(c) + ") at character " + i);
      } else if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
        throw new InputException(
            path,
            "a bidirectional control (U+"
                + hex(c)
                + ") at character "
                + i
                + ": it can make one name display as another");
      }
    }
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
