package dev.verity.core.exchange;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Folds a name written in Cyrillic (Russian or Ukrainian) or in Latin (any of the romanisations
 * below) to one Latin skeleton, so that the same person spelled by either side gets the same key.
 * Deterministic and total: any string folds, letters only survive.
 *
 * <p>Two stages (docs/formats/exchange.md, "Normalisation"):
 * <ol>
 *   <li><b>Script.</b> Cyrillic letters are transliterated by ICAO Doc 9303 (7th ed., Part 3,
 *       §6: the table Russian passports have used since 2013), except that the soft sign before
 *       o (Ukrainian ьо, which spells Russian ё) becomes i, and the hard sign is dropped. Latin
 *       letters lose their diacritics (BGN/PCGN ë, ʹ, ʺ), after ž, š, č, ŝ become zh, sh, ch,
 *       shch. Everything that is not a letter (spaces, hyphens, apostrophes, digits) goes.</li>
 *   <li><b>Variant folding</b>, each rule merging spellings the supported systems give for one
 *       letter: the digraphs shch, kh, zh, ch, sh, ts become single symbols; x = ks (Alexander);
 *       w = v; c and q = k; ph = f; g = h (Ukrainian Г is H in KMU 2010, Russian Г is G: Hryhorii,
 *       Grigorii); y = j = i (Ы, И, Й, І, Ї are y or i depending on the system); doubled letters
 *       collapse (Illia, Ilia); o = e after the hushing sibilants (Чернышёв, Chernyshov);
 *       ie = e and io = e (Є is ie or ye, Ё is e, ë or yo; Ukrainian ьо is io); a final
 *       ei = i (Сергей, Сергій: Sergei, Serhii); a final aia = a (feminine surnames: Russian
 *       Высоцкая, Ukrainian Висоцька). Surnames also fold their -ов/-ев suffix
 *       ({@link #foldSurname}).</li>
 * </ol>
 * Supported: ICAO 9303, BGN/PCGN (Russian), the Ukrainian national system (KMU Resolution 55 of
 * 27 Jan 2010), and English press spellings built from them. Not supported: ISO 9 / GOST 7.79
 * (c for Ц, x for Х, â for Я) and German, French or Polish spellings (Schewtschenko). The fold
 * keeps kh apart from h: no supported system writes Х as h.
 */
public final class NameFolding {
  private static final Map<Character, String> CYRILLIC = cyrillic();
  private static final String[][] DIGRAPHS = {
    {"shch", "Q"}, {"kh", "X"}, {"zh", "J"}, {"ch", "C"}, {"sh", "W"}, {"ts", "Z"}, {"ph", "f"}
  };

  private NameFolding() {}

  /** The folded skeleton of {@code name} (possibly empty when it holds no letter). */
  public static String fold(String name) {
    return vowels(collapse(consonants(latin(name))));
  }

  /**
   * The fold of a surname: {@link #fold} and then the possessive suffix -ов/-ев/-ёв (feminine
   * -ова/-ева/-ёва) as one: it is one suffix, spelled by the softness of the consonant before it,
   * and KMU 2010 writes Ukrainian -ьов as -ov where ICAO writes Russian -ёв as -ev (Kovalov,
   * Kovalev).
   */
  public static String foldSurname(String surname) {
    String f = fold(surname);
    if (f.endsWith("ev")) {
      return f.substring(0, f.length() - 2) + "ov";
    }
    return f.endsWith("eva") ? f.substring(0, f.length() - 3) + "ova" : f;
  }

  /** Stage 1: the name in lower-case Latin letters a-z only. */
  static String latin(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 'ь' && i + 1 < s.length() && s.charAt(i + 1) == 'о') {
        out.append('i'); // Ukrainian ьо is Russian ё
      } else if (CYRILLIC.containsKey(c)) {
        out.append(CYRILLIC.get(c));
      } else {
        out.append(latinLetter(c));
      }
    }
    return out.toString();
  }

  private static String latinLetter(char c) {
    if (c < 128) {
      return c >= 'a' && c <= 'z' ? String.valueOf(c) : "";
    }
    return switch (c) {
      case 'ž' -> "zh";
      case 'š' -> "sh";
      case 'č' -> "ch";
      case 'ŝ' -> "shch";
      default -> {
        char b = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0);
        yield b >= 'a' && b <= 'z' ? String.valueOf(b) : "";
      }
    };
  }

  /** Stage 2a: digraphs to single symbols (upper case, so no later rule sees them) and merges. */
  static String consonants(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    outer:
    while (i < s.length()) {
      for (String[] d : DIGRAPHS) {
        if (s.startsWith(d[0], i)) {
          out.append(d[1]);
          i += d[0].length();
          continue outer;
        }
      }
      out.append(single(s.charAt(i)));
      i++;
    }
    return out.toString();
  }

  private static String single(char c) {
    return switch (c) {
      case 'x' -> "ks";
      case 'w' -> "v";
      case 'c', 'q' -> "k";
      case 'h' -> "g";
      case 'y', 'j' -> "i";
      default -> String.valueOf(c);
    };
  }

  /**
   * Doubled letters (and runs of i) collapse to one; o after Ж, Ч, Ш, Щ becomes e (Russian
   * spells that sound ё or о: Чернышёв and Чернышов; ICAO 9303 writes e, press spellings o).
   */
  static String collapse(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char last = out.length() == 0 ? ' ' : out.charAt(out.length() - 1);
      char c = s.charAt(i) == 'o' && "JCWQ".indexOf(last) >= 0 ? 'e' : s.charAt(i);
      if (last != c) {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Stage 2b: ie = io = e, then a final ei = i and a final aia = a. */
  static String vowels(String s) {
    String t = collapse(s.replace("ie", "e").replace("io", "e"));
    if (t.endsWith("ei")) {
      t = t.substring(0, t.length() - 2) + "i";
    } else if (t.endsWith("aia")) {
      t = t.substring(0, t.length() - 2); // Russian -ая, Ukrainian -а: Высоцкая, Висоцька
    }
    return collapse(t);
  }

  private static Map<Character, String> cyrillic() {
    String[] pairs = {
      "а", "a", "б", "b", "в", "v", "г", "g", "ґ", "g", "д", "d", "е", "e", "ё", "e", "є", "ie",
      "ж", "zh", "з", "z", "и", "i", "і", "i", "ї", "i", "й", "i", "к", "k", "л", "l", "м", "m",
      "н", "n", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "у", "u", "ф", "f", "х", "kh",
      "ц", "ts", "ч", "ch", "ш", "sh", "щ", "shch", "ъ", "", "ы", "y", "ь", "", "э", "e",
      "ю", "iu", "я", "ia"
    };
    Map<Character, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i].charAt(0), pairs[i + 1]);
    }
    return Map.copyOf(m);
  }
}
