package dev.verity.node.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.node.config.ConfigException;
import dev.verity.node.config.SecretRef;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code notifications:} block of node.yaml: where the node sends notifications to people, and
 * how it retries. Secrets are named by reference ({@code {env: NAME}} or {@code {file: PATH}}),
 * never written inline. The format, with an example: docs/user/operate.md.
 *
 * @param retry the retry policy shared by every target
 * @param targets the targets, each with a unique name
 */
public record NotifyConfig(RetryPolicy retry, List<Target> targets) {

  public NotifyConfig {
    targets = List.copyOf(targets);
  }

  /** No targets: notifications go nowhere. */
  public static NotifyConfig none() {
    return new NotifyConfig(RetryPolicy.DEFAULT, List.of());
  }

  /** A target of notifications. */
  public sealed interface Target {
    /** Its unique name, which escalation steps and rosters refer to. */
    String name();

    /** The bound on connecting and on each wait for the receiver. */
    Duration timeout();
  }

  /**
   * An HTTP(S) receiver.
   *
   * @param url the receiver's URL, without its token
   * @param token the token, placed as the format requires, or null for none
   */
  public record Webhook(
      String name, WebhookFormat format, URI url, SecretRef token, Duration timeout)
      implements Target {}

  /**
   * An SMTP relay (RFC 5321) that the node submits mail to.
   *
   * @param tls how the connection is protected
   * @param username the user to authenticate as, or null to send without authenticating
   * @param password the password, required with a username
   * @param trust a PEM file of certificates to trust for the relay instead of the JVM's trust
   *     store, or null
   * @param from the sender address
   * @param to the recipients
   */
  public record Smtp(
      String name,
      String host,
      int port,
      SmtpTls tls,
      String username,
      SecretRef password,
      Path trust,
      String from,
      List<String> to,
      Duration timeout)
      implements Target {
    public Smtp {
      to = List.copyOf(to);
    }
  }

  /** How an SMTP connection is protected. */
  public enum SmtpTls {
    /** STARTTLS (RFC 3207), required: a relay that does not offer it is a failure. Port 587. */
    STARTTLS,
    /** TLS from the first byte (RFC 8314). Port 465. */
    IMPLICIT,
    /** Plain text: only for a relay on the same machine or a trusted link. */
    NONE
  }

  /** The {@code notifications:} block of {@code nodeYaml}; {@link #none()} when it has none. */
  public static NotifyConfig read(Path nodeYaml) throws ConfigException {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(nodeYaml.toFile());
    } catch (IOException e) {
      throw new ConfigException(nodeYaml + ": " + e.getMessage(), e);
    }
    JsonNode block = root == null ? null : root.get("notifications");
    return block == null || block.isNull()
        ? none()
        : NotifyConfigReader.parse(block, nodeYaml + ": notifications");
  }
}
