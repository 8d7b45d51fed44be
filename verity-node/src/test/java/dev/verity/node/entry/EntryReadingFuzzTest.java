package dev.verity.node.entry;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for how a node reads a peer's entry (the mirror's decoding, {@link EntryReading}),
 * replaying the seeds in {@code EntryReadingFuzzTestInputs/read/} in every build: each finding of
 * issue 11 is one (not JSON, lone surrogates, NUL and bidi characters, a fraction as a number, year
 * 999999999, another Party's entry). Properties: reading never throws; a readable entry is
 * canonical (it encodes back to the same bytes), keeps the input rules, and is listed under a
 * printable type; an unreadable one says why in one printable line.
 */
class EntryReadingFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void read(byte[] entry) throws Exception {
    EntryReading r = EntryReading.of("RU", 7, entry);
    assertThat(r.type()).matches(InputRules.IDENTIFIER);
    if (r.readable()) {
      assertThat(r.envelope().encode()).isEqualTo(entry);
      r.envelope().checkRules();
      assertThat(r.envelope().party()).isEqualTo("RU");
      assertThat(r.problem()).isNull();
    } else {
      assertThat(r.problem()).startsWith("RU/7: ").matches("[\\x20-\\x7e]+");
    }
  }
}
