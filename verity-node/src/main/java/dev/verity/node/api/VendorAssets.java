package dev.verity.node.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Third-party files the dashboard's map needs, served from the jar at {@code /vendor/PACKAGE/FILE}
 * so that the dashboard works air-gapped: d3-array and d3-geo from their WebJars (the version the
 * build resolved, read from the WebJar's own pom.properties), topojson-client and the Natural Earth
 * boundaries of world-atlas bundled under {@code web/vendor/} with their licences. Only the files
 * listed here are served; each with the dashboard's Content-Security-Policy and an ETag. What each
 * file is, its version, source and licence: docs/dev/third-party.md.
 */
public final class VendorAssets {
  /** A file as served: its bytes, media type and entity tag (SHA-256 of the bytes). */
  public record Asset(String path, String contentType, byte[] bytes, String etag) {}

  private static final String WEBJARS = "META-INF/resources/webjars/";
  private static final String BUNDLED = "dev/verity/node/web/vendor/";
  private static final String JS = "text/javascript; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";

  /** Public path under /vendor/ → classpath resource (a WebJar's dist file, or a bundled file). */
  private static final Map<String, String> FILES =
      Map.of(
          "d3-array/d3-array.min.js", webJar("d3-array", "dist/d3-array.min.js"),
          "d3-geo/d3-geo.min.js", webJar("d3-geo", "dist/d3-geo.min.js"),
          "topojson-client/topojson-client.min.js",
              BUNDLED + "topojson-client/topojson-client.min.js",
          "world-atlas/countries-110m.json", BUNDLED + "world-atlas/countries-110m.json",
          "world-atlas/countries-50m.json", BUNDLED + "world-atlas/countries-50m.json");

  private static final Map<String, Asset> LOADED = new ConcurrentHashMap<>();

  private VendorAssets() {}

  /** Registers {@code GET /vendor/*}. */
  static void register(JavalinConfig cfg) {
    cfg.routes.get("/vendor/*", VendorAssets::serve);
  }

  /** The public paths served (under /vendor/). */
  public static java.util.Set<String> paths() {
    return FILES.keySet();
  }

  /** The file at {@code /vendor/path}, when it is one of those served. */
  public static Optional<Asset> find(String path) {
    String resource = FILES.get(path);
    return resource == null
        ? Optional.empty()
        : Optional.of(LOADED.computeIfAbsent(path, p -> load(p, resource)));
  }

  private static void serve(Context ctx) {
    Asset a =
        find(ctx.path().substring("/vendor/".length()))
            .orElseThrow(() -> new Http.ApiError(404, null, "not found: " + ctx.path()));
    ctx.header("Content-Security-Policy", DashboardRoutes.CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", a.etag());
    if (a.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(a.contentType()).result(a.bytes());
  }

  private static Asset load(String path, String resource) {
    try (InputStream in = VendorAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing from the jar: " + resource);
      }
      byte[] b = in.readAllBytes();
      String etag =
          "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)) + "\"";
      return new Asset(path, path.endsWith(".json") ? JSON : JS, b, etag);
    } catch (IOException e) {
      throw new UncheckedIOException(resource, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A WebJar's file, at the version the build put on the class path. */
  static String webJar(String name, String file) {
    return WEBJARS + name + "/" + webJarVersion(name) + "/" + file;
  }

  static String webJarVersion(String name) {
    String props = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
    try (InputStream in = VendorAssets.class.getClassLoader().getResourceAsStream(props)) {
      if (in == null) {
        throw new IllegalStateException(
            "WebJar " + name + " is not on the class path (" + props + ")");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(props, e);
    }
  }
}
