package dev.verity.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /vendor/…}: exactly the listed third-party files, with the dashboard's policy and an
 * entity tag, and docs/dev/third-party.md naming each with its SHA-256.
 */
class VendorAssetsTest {
  final Javalin app =
      Javalin.create(
              cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.jetty.host = "127.0.0.1";
                cfg.jetty.port = 0;
                cfg.routes.exception(Http.ApiError.class, (e, ctx) -> ctx.status(e.status));
                VendorAssets.register(cfg);
              })
          .start();
  final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    app.stop();
  }

  HttpResponse<byte[]> get(String path, String etag) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
    if (etag != null) {
      b.header("If-None-Match", etag);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void servesEachListedFileWithThePolicyAndAnEntityTag() throws Exception {
    for (String p : VendorAssets.paths()) {
      HttpResponse<byte[]> r = get("/vendor/" + p, null);
      assertThat(r.statusCode()).as(p).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Security-Policy")).contains(DashboardRoutes.CSP);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
      assertThat(r.headers().firstValue("Content-Type").orElseThrow())
          .startsWith(p.endsWith(".json") ? "application/json" : "text/javascript");
      String etag = r.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).isEqualTo("\"" + sha256(r.body()) + "\"");
      assertThat(get("/vendor/" + p, etag).statusCode()).isEqualTo(304);
    }
    assertThat(new String(get("/vendor/d3-geo/d3-geo.min.js", null).body(), StandardCharsets.UTF_8))
        .startsWith("// https://d3js.org/d3-geo/ v3.1.1");
  }

  @Test
  void nothingElseIsServed() throws Exception {
    for (String p :
        new String[] {
          "/vendor/d3-geo/d3-geo.js",
          "/vendor/d3-geo/package.json",
          "/vendor/world-atlas/LICENSE",
          "/vendor/world-atlas/countries-10m.json",
          "/vendor/../index.html",
          "/vendor/d3-geo/../../META-INF/MANIFEST.MF",
          "/vendor/"
        }) {
      assertThat(get(p, null).statusCode()).as(p).isEqualTo(404);
    }
  }

  @Test
  void thirdPartyDocNamesEveryFileWithItsHash() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "dev", "third-party.md"));
    for (String p : VendorAssets.paths()) {
      String hash = sha256(VendorAssets.find(p).orElseThrow().bytes());
      assertThat(doc).as(p).contains("`" + p + "`").contains(hash);
    }
    assertThat(doc)
        .contains("d3-geo " + VendorAssets.webJarVersion("d3-geo"))
        .contains("d3-array " + VendorAssets.webJarVersion("d3-array"));
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
