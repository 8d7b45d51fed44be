package dev.verity.node.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where a secret (a webhook token, an SMTP password, the PostgreSQL store's password) is kept: an
 * environment variable or a file, never node.yaml itself; in node.yaml {@code {env: NAME}} or
 * {@code {file: PATH}}, on the command line {@code env:NAME} or {@code file:PATH}. It is read when
 * needed, so a rotated file takes effect at the next send or start. The file's content is the
 * secret with surrounding white space trimmed.
 *
 * @param env the environment variable's name, or null
 * @param file the file's path, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecretRef(String env, @JsonSerialize(using = ToStringSerializer.class) Path file) {
  /** Bounds a file read by mistake (a key store, a log) to something small. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  public SecretRef {
    if ((env == null) == (file == null)) {
      throw new IllegalArgumentException("exactly one of env and file");
    }
  }

  /** {@code env:NAME} or {@code file:PATH} (a command-line option); a plain message if neither. */
  public static SecretRef parse(String option, String text) {
    if (text.startsWith("env:") && text.length() > 4) {
      return new SecretRef(text.substring(4), null);
    }
    if (text.startsWith("file:") && text.length() > 5) {
      return new SecretRef(null, Path.of(text.substring(5)));
    }
    throw new IllegalArgumentException(option + ": name the secret, env:VARIABLE or file:PATH;"
        + " the secret itself is never given");
  }

  /** The secret's value, read now. */
  public Secret resolve(Function<String, String> environment) throws ConfigException {
    String v = env != null ? environment.apply(env) : read(file);
    if (v == null || v.isBlank()) {
      throw new ConfigException(
          env != null ? "environment variable " + env + " is not set" : file + " is empty");
    }
    return new Secret(v.strip());
  }

  private static String read(Path file) throws ConfigException {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ConfigException(
            file + " is larger than " + MAX_FILE_BYTES + " bytes; is it the secret?");
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /** Names where the secret is, never what it is. */
  @Override
  public String toString() {
    return env != null ? "env:" + env : "file:" + file;
  }

  /** A secret's value: {@link #toString} never shows it, and {@link #redact} hides it in text. */
  public static final class Secret {
    private final String value;

    Secret(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }

    /** {@code text} with every occurrence of this secret replaced by {@code ***}. */
    public String redact(String text) {
      return text == null ? null : text.replace(value, "***");
    }

    @Override
    public String toString() {
      return "***";
    }
  }
}
