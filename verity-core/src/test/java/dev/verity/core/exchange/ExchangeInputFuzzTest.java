package dev.verity.core.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * Fuzz targets for the two inputs of the exchange that come from outside: a list file
 * (seeds in ExchangeInputFuzzTestInputs/personList/) and an entry body from a peer's log
 * (…/entryBody/). Property: each returns a value or throws ExchangeInputException, nothing
 * else; a body read back writes to a body that reads to the same step.
 */
class ExchangeInputFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void personList(byte[] input) throws IOException {
    String s = new String(input, StandardCharsets.UTF_8);
    try {
      PersonListCsv.PersonList l = PersonListCsv.read("fuzz", new StringReader(s),
          LocalDate.of(2026, 1, 1));
      assertThat(l.persons()).hasSameSizeAs(l.lines());
    } catch (ExchangeInputException expected) {
      assertThat(expected.problems()).isNotEmpty();
    }
  }

  @FuzzTest(maxDuration = "30s")
  void entryBody(byte[] input) {
    ExchangeMessage step;
    try {
      step = ExchangeJson.read(input);
    } catch (ExchangeInputException expected) {
      return;
    }
    try {
      assertThat(ExchangeJson.read(ExchangeJson.write(step))).isEqualTo(step);
    } catch (ExchangeInputException e) {
      throw new AssertionError("a written body does not read back: " + e.getMessage(), e);
    }
  }
}
