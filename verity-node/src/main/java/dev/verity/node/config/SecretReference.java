package dev.verity.node.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a secret is, never the secret: {@code env:NAME} (an environment variable of the node's
 * process) or {@code file:PATH} (the first line of a file, e.g. one the operator keeps at mode
 * 0600 or a systemd credential). So {@code node.yaml}, its backups and any log that quotes the
 * configuration hold no password.
 *
 * @param field the configuration field it was given in, for messages
 */
public record SecretReference(String field, Kind kind, String name) {

  /** The places a secret can be named. */
  public enum Kind {
    ENV,
    FILE
  }

  /** Reads {@code text} of {@code field}; a plain message if it is not a reference. */
  public static SecretReference parse(String field, String text) {
    if (text.startsWith("env:") && text.length() > 4) {
      return new SecretReference(field, Kind.ENV, text.substring(4));
    }
    if (text.startsWith("file:") && text.length() > 5) {
      return new SecretReference(field, Kind.FILE, text.substring(5));
    }
    throw new IllegalArgumentException(field + ": name the secret, env:VARIABLE or file:PATH;"
        + " the secret itself is never written in node.yaml");
  }

  /** The secret itself, read now. */
  public String resolve() throws ConfigException {
    if (kind == Kind.ENV) {
      String value = System.getenv(name);
      if (value == null) {
        throw new ConfigException(field + ": the environment variable " + name + " is not set");
      }
      return value;
    }
    try {
      return Files.readString(Path.of(name)).lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new ConfigException(field + ": cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
