package dev.verity.node.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushTest {
  private static final byte[] REQUEST = "old 3\n\nexample.com/log\n5\nAAAA\n\n— example.com/log x\n".getBytes(StandardCharsets.UTF_8);

  private static Push sample() {
    return new Push(REQUEST, 3, List.of("e3".getBytes(StandardCharsets.UTF_8), new byte[0], new byte[65_535]));
  }

  @Test
  void roundTripsByteForByte() throws Exception {
    Push p = sample();
    Push back = Push.decode(p.encode());
    assertThat(back.request()).isEqualTo(REQUEST);
    assertThat(back.from()).isEqualTo(3);
    assertThat(back.entries()).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(back.entries().get(i)).isEqualTo(p.entries().get(i));
    }
    assertThat(back.encode()).isEqualTo(p.encode());
  }

  @Test
  void everyTruncationIsRefused() {
    byte[] data = sample().encode();
    for (int n = 0; n < data.length; n++) {
      byte[] cut = Arrays.copyOf(data, n);
      assertThatThrownBy(() -> Push.decode(cut)).as("cut at %d", n)
          .isInstanceOf(Push.PushFormatException.class).hasMessageStartingWith("malformed push: ");
    }
  }

  @Test
  void trailingBytesAreRefused() {
    byte[] data = Arrays.copyOf(sample().encode(), sample().encode().length + 1);
    assertThatThrownBy(() -> Push.decode(data)).hasMessageContaining("1 bytes after the last entry");
  }

  @Test
  void lengthsBeyondTheLimitsAreRefusedBeforeAllocating() {
    byte[] hugeRequest = ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(0).array();
    assertThatThrownBy(() -> Push.decode(hugeRequest)).hasMessageContaining("request length 2147483647");
    byte[] negative = ByteBuffer.allocate(4).putInt(-1).array();
    assertThatThrownBy(() -> Push.decode(negative)).hasMessageContaining("request length 4294967295");
    byte[] manyEntries = ByteBuffer.allocate(16).putInt(0).putLong(0).putInt(Push.MAX_ENTRIES + 1).array();
    assertThatThrownBy(() -> Push.decode(manyEntries)).hasMessageContaining("count 1025 out of range");
    byte[] negativeIndex = ByteBuffer.allocate(16).putInt(0).putLong(-5).putInt(0).array();
    assertThatThrownBy(() -> Push.decode(negativeIndex)).hasMessageContaining("first index -5");
  }

  @Test
  void entryClaimingMoreThanIsLeftIsRefused() {
    byte[] data = ByteBuffer.allocate(19).putInt(0).putLong(0).putInt(1).putShort((short) 2).put((byte) 7).array();
    assertThatThrownBy(() -> Push.decode(data)).hasMessageContaining("entry 0 claims 2 bytes, 1 left");
  }

  @Test
  void fitsOnlyWithinTheEntryLimits() {
    List<byte[]> many = new ArrayList<>();
    for (int i = 0; i <= Push.MAX_ENTRIES; i++) {
      many.add(new byte[1]);
    }
    assertThat(Push.fits(many.subList(0, Push.MAX_ENTRIES))).isTrue();
    assertThat(Push.fits(many)).isFalse();
    List<byte[]> big = List.of(new byte[Push.MAX_ENTRY_BYTES / 2], new byte[Push.MAX_ENTRY_BYTES / 2 + 1]);
    assertThat(Push.fits(big)).isFalse();
    assertThatThrownBy(() -> new Push(REQUEST, 0, big).encode()).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sliceGivesTheMissingEntriesOnlyWhenThePushHoldsAllOfThem() {
    Push p = sample(); // entries 3, 4, 5 of a log of size 6
    assertThat(p.slice(3, 6)).get().asList().hasSize(3);
    assertThat(p.slice(5, 6).orElseThrow().get(0)).hasSize(65_535);
    assertThat(p.slice(2, 6)).as("the witness lacks entry 2").isEmpty();
    assertThat(p.slice(3, 7)).as("the checkpoint covers more than was pushed").isEmpty();
    assertThat(p.slice(3, 5)).as("the push goes beyond the checkpoint").isEmpty();
  }
}
