package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Every route the API serves is in the OpenAPI 3.1 document, with its method. */
class OpenApiTest {
  @Test
  void everyRouteIsDescribed() throws Exception {
    JsonNode doc;
    try (InputStream in = ApiServer.class.getResourceAsStream("openapi.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
    for (String route : ApiServer.ROUTES) {
      String[] mp = route.split(" ");
      assertThat(doc.path("paths").path(mp[1]).has(mp[0].toLowerCase())).as(route).isTrue();
    }
    assertThat(doc.path("paths").size()).isEqualTo(ApiServer.ROUTES.stream().map(r -> r.split(" ")[1]).distinct().count());
  }
}
