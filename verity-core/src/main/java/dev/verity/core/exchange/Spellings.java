package dev.verity.core.exchange;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The ways each side writes a name, for the synthetic corpus: three official romanisations and
 * the two Cyrillic re-spellings clerks make. These follow the published tables, independently of
 * {@link NameFolding}, so that the corpus tests the fold rather than restating it.
 *
 * <ul>
 *   <li>{@link #kmu2010}: Ukrainian national romanisation (Cabinet of Ministers Resolution 55,
 *       27 Jan 2010; Ukrainian passports): Г h, И y, Є Ї Й Ю Я as Ye Yi Y Yu Ya at the start of a
 *       word and ie i i iu ia elsewhere, зг zgh, Ь and the apostrophe omitted.</li>
 *   <li>{@link #icao9303}: ICAO Doc 9303 Part 3 §6 (Russian passports since 2013), upper case:
 *       Ё E, Й I, Ы Y, Ъ IE, Ь omitted, Ю IU, Я IA.</li>
 *   <li>{@link #bgnPcgn}: BGN/PCGN 1947 for Russian: Е Ye and Ё Yë at the start and after a
 *       vowel, Й, Ъ or Ь, else e and ë; Й y; Ъ ʺ; Ь ʹ; Ю yu; Я ya.</li>
 *   <li>{@link #russify}: a Ukrainian surname in Russian letters (і и, ї йи, є е, ґ г, ьо ё,
 *       ' ь, -ський -ский; и ы in some surnames; some surnames replaced by a Russian word).</li>
 *   <li>{@link #ukrainise}: a Russian surname in Ukrainian letters (и і, ы и, э е, initial е є,
 *       ё ьо/йо/о, ъ ', -ский -ський).</li>
 * </ul>
 */
final class Spellings {
  private static final String VOWELS = "аеёиоуыэюяєіїАЕЁИОУЫЭЮЯЄІЇ";
  // adjectival surname endings, masculine and feminine, kept apart from the letter rules
  private static final String[] UA_ENDINGS = {"ський", "цький", "ська", "цька", "ий", ""};
  private static final String[] RU_ENDINGS = {"ский", "цкий", "ская", "цкая", "ий", ""};
  private static final Map<Character, String> KMU = table(
      "а a б b в v г h ґ g д d е e ж zh з z и y і i к k л l м m н n о o п p р r с s т t у u "
          + "ф f х kh ц ts ч ch ш sh щ shch ы y э e ё io");
  private static final Map<Character, String> ICAO = table(
      "а A б B в V г G ґ G д D е E ё E є IE ж ZH з Z и I і I ї I й I к K л L м M н N о O "
          + "п P р R с S т T у U ф F х KH ц TS ч CH ш SH щ SHCH ъ IE ы Y э E ю IU я IA");
  private static final Map<Character, String> BGN = table(
      "а a б b в v г g д d ж zh з z и i й y к k л l м m н n о o п p р r с s т t у u ф f "
          + "х kh ц ts ч ch ш sh щ shch ъ ʺ ы y ь ʹ э e ю yu я ya");

  private Spellings() {}

  static String kmu2010(String ukrainian) {
    String s = ukrainian.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean initial = i == 0 || " -".indexOf(s.charAt(i - 1)) >= 0;
      if (c == 'г' && i > 0 && s.charAt(i - 1) == 'з') {
        out.append("gh"); // зг is zgh, so that it is not read as ж
      } else if ("єїйюя".indexOf(c) >= 0) {
        out.append(initial ? new String[] {"ye", "yi", "y", "yu", "ya"}["єїйюя".indexOf(c)]
            : new String[] {"ie", "i", "i", "iu", "ia"}["єїйюя".indexOf(c)]);
      } else {
        out.append(KMU.getOrDefault(c, "ь'’ʼ".indexOf(c) >= 0 ? "" : String.valueOf(c)));
      }
    }
    return titleCase(out.toString());
  }

  static String icao9303(String russian) {
    StringBuilder out = new StringBuilder();
    for (char c : russian.toLowerCase(Locale.ROOT).toCharArray()) {
      out.append(ICAO.getOrDefault(c, c == 'ь' ? "" : String.valueOf(c).toUpperCase(Locale.ROOT)));
    }
    return out.toString();
  }

  static String bgnPcgn(String russian) {
    String s = russian.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean iotated = i == 0 || " -".indexOf(s.charAt(i - 1)) >= 0
          || (VOWELS + "йъь").indexOf(s.charAt(i - 1)) >= 0;
      if (c == 'е' || c == 'ё') {
        out.append(iotated ? "y" : "").append(c == 'е' ? "e" : "ë");
      } else {
        out.append(BGN.getOrDefault(c, String.valueOf(c)));
      }
    }
    return titleCase(out.toString());
  }

  /** A Ukrainian surname as a Russian clerk may write it; {@code r} picks among the habits. */
  static String russify(String ukrainian, Map<String, String> lexical, Random r) {
    if (lexical.containsKey(ukrainian) && r.nextBoolean()) {
      return lexical.get(ukrainian);
    }
    boolean yery = r.nextInt(3) == 0; // Лисенко as Лысенко
    String[] parts = suffix(ukrainian, UA_ENDINGS);
    String stem = parts[0].replace("ьо", "ё").replaceAll("['’ʼ]", "ь");
    StringBuilder out = new StringBuilder();
    for (char c : stem.toCharArray()) {
      out.append(switch (c) {
        case 'і' -> "и";
        case 'І' -> "И";
        case 'ї' -> "йи";
        case 'є' -> "е";
        case 'Є' -> "Е";
        case 'ґ' -> "г";
        case 'и' -> yery ? "ы" : "и";
        default -> String.valueOf(c);
      });
    }
    return out + RU_ENDINGS[List.of(UA_ENDINGS).indexOf(parts[1])];
  }

  /** A Russian surname as a Ukrainian clerk writes it. */
  static String ukrainise(String russian) {
    String[] parts = suffix(russian, RU_ENDINGS);
    String s = parts[0];
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      char before = i == 0 ? ' ' : Character.toLowerCase(s.charAt(i - 1));
      out.append(switch (c) {
        case 'и' -> "і";
        case 'И' -> "І";
        case 'ы' -> "и";
        case 'э' -> "е";
        case 'Э' -> "Е";
        case 'Е' -> i == 0 ? "Є" : "Е";
        case 'е' -> VOWELS.indexOf(before) >= 0 ? "є" : "е";
        case 'ё' -> yo(before, s.startsWith("в", i + 1) && s.length() <= i + 3);
        case 'ъ' -> "'";
        default -> String.valueOf(c);
      });
    }
    return out.toString().replace("ьйо", "йо") + UA_ENDINGS[List.of(RU_ENDINGS).indexOf(parts[1])];
  }

  /** {@code {stem, ending}} with the first of {@code endings} the word ends with ("" last). */
  private static String[] suffix(String word, String[] endings) {
    for (String e : endings) {
      if (word.endsWith(e)) {
        return new String[] {word.substring(0, word.length() - e.length()), e};
      }
    }
    throw new IllegalStateException("no ending matched"); // "" always matches
  }

  /** The feminine of a Russian surname: -ов -ова, -ин -ина, -ский -ская, -ой -ая. */
  static String feminineRussian(String s) {
    if (s.endsWith("ий") || s.endsWith("ой")) {
      return s.substring(0, s.length() - 2) + "ая";
    }
    return s.matches(".*(ов|ев|ёв|ин|ын)") ? s + "а" : s;
  }

  /** The feminine of a Ukrainian surname: -ов -ова, -ін -іна, -ський -ська, -ий -а; -ко stays. */
  static String feminineUkrainian(String s) {
    if (s.endsWith("ий")) {
      return s.substring(0, s.length() - 2) + "а";
    }
    return s.matches(".*(ов|ев|єв|ін|ин)") ? s + "а" : s;
  }

  /**
   * Russian ё in Ukrainian letters: in the suffix -ёв, о after a hushing consonant (Чернишов),
   * йо after a vowel or Ь (Соловйов), else ьо (Корольов); in the stem е (Федоров, Семенов).
   */
  private static String yo(char before, boolean suffix) {
    if (!suffix) {
      return "е";
    }
    if ("жчшщ".indexOf(before) >= 0) {
      return "о";
    }
    return VOWELS.indexOf(before) >= 0 || before == 'ь' || before == ' ' ? "йо" : "ьо";
  }

  private static String titleCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      boolean first = i == 0 || " -".indexOf(s.charAt(i - 1)) >= 0;
      out.append(first ? Character.toUpperCase(s.charAt(i)) : s.charAt(i));
    }
    return out.toString();
  }

  private static Map<Character, String> table(String spec) {
    String[] t = spec.split(" ");
    Map<Character, String> m = new HashMap<>();
    for (int i = 0; i < t.length; i += 2) {
      m.put(t[i].charAt(0), t[i + 1]);
    }
    return Map.copyOf(m);
  }
}
