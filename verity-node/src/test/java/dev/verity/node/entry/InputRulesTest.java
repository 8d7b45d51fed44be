package dev.verity.node.entry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The identifier scan against the regular expression that defines identifiers. */
class InputRulesTest {
  @Test
  void identifierScanAgreesWithThePattern() {
    List<String> cases = List.of("a", "A", "0", "US", "bomber-exercise", "bench-1#2",
        "new-start:US/12", "a_b.c", "-a", ".a", "_a", "", " a", "a ", "a b", "é", "aé",
        "a".repeat(64), "a".repeat(65), "a\n", "a\u0000", "Ａ");
    for (String s : cases) {
      assertThat(InputRules.isIdentifier(s)).as(s)
          .isEqualTo(InputRules.IDENTIFIER.matcher(s).matches());
    }
    Random r = new Random(18);
    String alphabet = "aZ09._:/#- !é\u202e";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = r.nextInt(70); n > 0; n--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertThat(InputRules.isIdentifier(s)).as(s)
          .isEqualTo(InputRules.IDENTIFIER.matcher(s).matches());
    }
  }
}
