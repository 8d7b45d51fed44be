package dev.verity.node.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verity.node.build.BuildInfo;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.SecretRef.Secret;
import dev.verity.node.config.SecretRef;
import dev.verity.node.notify.Delivery.Failure;
import dev.verity.node.notify.NotifyConfig.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * POSTs a notification as JSON in the target's {@link WebhookFormat}. Redirects are not followed (a
 * token is never sent to a host not configured); 2xx is delivered; 408, 425, 429 and 5xx are
 * retried; 401 and 403 are an authentication failure and other 4xx a rejection, neither retried.
 * The response body is discarded unread.
 */
final class WebhookNotifier implements Notifier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Webhook target;
  private final Function<String, String> environment;
  private final Retrying retrying;
  private final HttpClient http;

  WebhookNotifier(Webhook target, Function<String, String> environment, Retrying retrying) {
    this.target = target;
    this.environment = environment;
    this.retrying = retrying;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(target.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public String target() {
    return target.name();
  }

  @Override
  public Delivery send(Notification n) {
    Secret token;
    try {
      token = target.token() == null ? null : target.token().resolve(environment);
    } catch (ConfigException e) {
      return new Delivery.Failed(
          target.name(),
          0,
          Failure.CONFIGURATION,
          "token (" + target.token() + "): " + e.getMessage());
    }
    HttpRequest request = request(n, token);
    return retrying.run(target.name(), () -> attempt(request, token));
  }

  HttpRequest request(Notification n, Secret token) {
    URI uri = target.url();
    HttpRequest.Builder b =
        HttpRequest.newBuilder()
            .timeout(target.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "verity/" + BuildInfo.current().version());
    if (token != null) {
      switch (target.format().tokenPlace) {
        case QUERY ->
            uri =
                URI.create(
                    uri + "?token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8));
        case PATH ->
            uri =
                URI.create(
                    withSlash(uri.toString())
                        + URLEncoder.encode(token.value(), StandardCharsets.UTF_8)
                        + "/");
        case BEARER -> b.header("Authorization", "Bearer " + token.value());
      }
    }
    try {
      return b.uri(uri)
          .POST(
              HttpRequest.BodyPublishers.ofByteArray(
                  JSON.writeValueAsBytes(target.format().body(n))))
          .build();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String withSlash(String s) {
    return s.endsWith("/") ? s : s + "/";
  }

  private Attempt attempt(HttpRequest request, Secret token) {
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      return classify(status);
    } catch (HttpConnectTimeoutException e) {
      return Attempt.transientFailure(
          Failure.TIMEOUT, "no connection within " + target.timeout().toMillis() + " ms");
    } catch (HttpTimeoutException e) {
      return Attempt.transientFailure(
          Failure.TIMEOUT, "no answer within " + target.timeout().toMillis() + " ms");
    } catch (ConnectException e) {
      return Attempt.transientFailure(Failure.UNREACHABLE, "connection refused or no route");
    } catch (SSLException e) {
      return Attempt.permanentFailure(Failure.TLS, redact(token, "TLS: " + e.getMessage()));
    } catch (IOException e) {
      return Attempt.transientFailure(
          Failure.UNREACHABLE, redact(token, e.getClass().getSimpleName() + ": " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Attempt.permanentFailure(Failure.INTERRUPTED, "interrupted");
    }
  }

  /** HTTP semantics (RFC 9110 §15): which statuses are worth another attempt. */
  static Attempt classify(int status) {
    String s = "HTTP " + status;
    if (status >= 200 && status < 300) {
      return new Attempt.Accepted(s);
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return Attempt.transientFailure(Failure.UNAVAILABLE, s);
    }
    if (status == 401 || status == 403) {
      return Attempt.permanentFailure(Failure.AUTHENTICATION, s);
    }
    return Attempt.permanentFailure(Failure.REJECTED, s);
  }

  private static String redact(Secret token, String s) {
    return token == null ? s : token.redact(s);
  }
}
