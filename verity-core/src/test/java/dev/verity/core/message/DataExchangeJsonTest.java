package dev.verity.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataExchangeJsonTest {

  @Test
  void declarationsRoundTrip() throws Exception {
    Declaration d = new Declaration("new-start", "US", LocalDate.of(2020, 9, 1), Instant.parse("2020-09-25T10:00:00Z"),
        List.of(new Facility("MALM", "Malmstrom AFB", "icbm-base", 47.5, -111.19)),
        List.of(Item.of("S1", "icbm-launcher-silo", "MALM").withTest(true).withConverted(true).withArmament("nuclear"),
            new Item("M1", "icbm", "MALM", "S1", null, 1, null, null, null, null)));
    String json = DataExchangeJson.write(d);
    assertThat(json).contains("\"asOf\" : \"2020-09-01\"").contains("\"receivedAt\" : \"2020-09-25T10:00:00Z\"")
        .doesNotContain("null").contains("\"test\" : true").contains("\"converted\" : true");
    assertThat(DataExchangeJson.readDeclaration("d.json", new StringReader(json))).isEqualTo(d);
  }

  @Test
  void notificationsReadOneOrMany() throws Exception {
    Notification n = new Notification(7, "RU", "item-moved", "B1", Instant.parse("2020-10-01T00:00:00Z"), null, "ENG", null, null, null);
    assertThat(DataExchangeJson.readNotifications("n.json", new StringReader(DataExchangeJson.write(n)))).containsExactly(n);
    assertThat(DataExchangeJson.readNotifications("n.json", new StringReader(DataExchangeJson.write(List.of(n, n))))).hasSize(2);
  }

  @Test
  void malformedJsonNamesFileAndLine() {
    assertThatThrownBy(() -> DataExchangeJson.readDeclaration("us.json", new StringReader("{\n  \"party\": \"US\",\n  \"asOf\": \n}")))
        .isInstanceOf(DeclarationException.class)
        .hasMessageStartingWith("us.json: line 4, column 1: malformed JSON");
  }

  @Test
  void badFieldsNameTheirPath() {
    assertThatThrownBy(() -> DataExchangeJson.readDeclaration("us.json",
        new StringReader("{\"party\":\"US\",\"asOf\":\"2020-09-01\",\"items\":[{\"id\":\"a\"},{\"id\":\"b\",\"warheads\":\"many\"}]}")))
        .hasMessageContaining("us.json: line 1")
        .hasMessageContaining("items[1].warheads");
    assertThatThrownBy(() -> DataExchangeJson.readDeclaration("us.json", new StringReader("{\"party\":\"US\",\"asOf\":\"1 Sep\"}")))
        .hasMessageContaining("asOf");
    assertThatThrownBy(() -> DataExchangeJson.readDeclaration("us.json", new StringReader("{\"party\":\"US\"}")))
        .hasMessage("us.json: asOf: missing");
    assertThatThrownBy(() -> DataExchangeJson.readNotifications("n.json",
        new StringReader("[{\"number\":1,\"party\":\"US\",\"type\":\"launch\",\"eventTime\":\"2020-01-01T00:00:00Z\"},{\"number\":2,\"party\":\"US\",\"type\":\"launch\",\"colour\":\"red\"}]")))
        .hasMessageStartingWith("n.json: [1].colour");
    assertThatThrownBy(() -> DataExchangeJson.readNotifications("n.json",
        new StringReader("{\"number\":1,\"party\":\"US\",\"type\":\"launch\"}")))
        .hasMessage("n.json: eventTime: missing");
  }
}
