package dev.verity.node.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  static String canon(String json) throws Exception {
    return new String(CanonicalJson.encode(CanonicalJson.mapper().readTree(json)), StandardCharsets.UTF_8);
  }

  @Test
  void sortsMembersByUtf16AndDropsWhitespace() throws Exception {
    // RFC 8785 section 3.2.3: sorting by UTF-16 code units puts U+20AC before U+1F600 (a surrogate pair)
    assertThat(canon("{ \"b\": 1, \"a\": [true, null, \"x\"], \"\\u20ac\": 2, \"\\ud83d\\ude00\": 3 }"))
        .isEqualTo("{\"a\":[true,null,\"x\"],\"b\":1,\"\u20ac\":2,\"\ud83d\ude00\":3}");
  }

  @Test
  void escapesAsTheRfcSays() throws Exception {
    assertThat(canon("\"\\u0008\\u000c\\n\\r\\t\\u001f\\\"\\\\/\\u00e9\""))
        .isEqualTo("\"\\b\\f\\n\\r\\t\\u001f\\\"\\\\/\u00e9\"");
  }

  @Test
  void numbersAsEs6WritesThem() throws Exception {
    assertThat(canon("[1, -0, 41.120, 1E2, 0.000001, 123456789012]")).isEqualTo("[1,0,41.12,100,0.000001,123456789012]");
    assertThatThrownBy(() -> canon("[1e300]")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> canon("[12345678901234567890]")).isInstanceOf(IllegalArgumentException.class);
  }
}
