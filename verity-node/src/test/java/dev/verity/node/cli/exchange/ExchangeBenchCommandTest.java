package dev.verity.node.cli.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bench runs small, its blinded match agrees with the plain keys, and it says so. */
class ExchangeBenchCommandTest {
  @Test
  void printsEveryStageBesideTheBaselinesAndTheRates() {
    StringWriter out = new StringWriter();
    CommandLine cl = new CommandLine(new ExchangeBenchCommand());
    cl.setOut(new PrintWriter(out));
    assertThat(cl.execute("--persons", "300", "--overlap", "0.5", "--corpus", "300")).isZero();
    String s = out.toString();
    assertThat(s).contains("300 requested x 300 held, 150 the same persons",
        "RU blinds UA's list on top", "baseline: keyed hash (HMAC, key held by both)",
        "UA_CYRILLIC        ~ RU_LATIN_ICAO_9303");
    Matcher m = Pattern.compile("matched (\\d+) persons \\(the plain match keys agree on (\\d+)\\)")
        .matcher(s);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1)).isEqualTo(m.group(2));
    assertThat(Integer.parseInt(m.group(1))).isBetween(140, 150);
  }
}
