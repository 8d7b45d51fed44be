package dev.verity.node.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class RequestIdsTest {
  @Test
  void aPlainShortIdIsKeptAndAnythingElseIsReplaced() {
    assertThat(RequestIds.of("lb-7f3a.19")).isEqualTo("lb-7f3a.19");
    assertThat(RequestIds.of(null)).matches("[0-9a-f]{32}");
    assertThat(RequestIds.of("two words")).matches("[0-9a-f]{32}");
    assertThat(RequestIds.of("x\n{\"level\":\"ERROR\"}")).matches("[0-9a-f]{32}");
    assertThat(RequestIds.of("a".repeat(65))).matches("[0-9a-f]{32}");
    assertThat(RequestIds.of(null)).isNotEqualTo(RequestIds.of(null));
  }

  @Test
  void eachRequestCarriesItsIdInTheMdcAndTheResponse() throws Exception {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Javalin app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.jetty.host = "127.0.0.1";
                  cfg.jetty.port = 0;
                  RequestIds.install(cfg);
                  cfg.routes.get(
                      "/x",
                      ctx -> {
                        seen.add(MDC.get(LogContext.REQUEST_ID));
                        ctx.result("ok");
                      });
                })
            .start();
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI uri = URI.create("http://127.0.0.1:" + app.port() + "/x");
      HttpResponse<String> given =
          http.send(
              HttpRequest.newBuilder(uri).header(RequestIds.HEADER, "abc-1").build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> fresh =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(given.headers().firstValue(RequestIds.HEADER)).contains("abc-1");
      String id = fresh.headers().firstValue(RequestIds.HEADER).orElseThrow();
      assertThat(id).matches("[0-9a-f]{32}");
      assertThat(seen).containsExactly("abc-1", id);
    } finally {
      app.stop();
    }
  }
}
