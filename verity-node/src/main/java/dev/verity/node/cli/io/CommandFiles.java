package dev.verity.node.cli.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.inventory.InventoryException;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.JsonProblems;
import dev.verity.core.message.Notification;
import dev.verity.node.cli.agreement.AgreementFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * File access for the commands (treaty, inspection, escrow): the domain takes Readers, this class
 * opens the files, and bad input is one clear line naming the file and the field.
 */
public final class CommandFiles {
  /** Files the commands write and read back: unknown fields refused, ISO dates, indented. */
  public static final ObjectMapper STRICT_JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private CommandFiles() {}

  /** {@code file} as a {@code type}, read with {@link #STRICT_JSON}. */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return STRICT_JSON.readValue(r, type);
    } catch (JsonProcessingException e) {
      throw located(file, e);
    }
  }

  /** {@code file} as a generic {@code type}, read with {@link #STRICT_JSON}. */
  public static <T> T read(Path file, TypeReference<T> type) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return STRICT_JSON.readValue(r, type);
    } catch (JsonProcessingException e) {
      throw located(file, e);
    }
  }

  /** One line: the file, the field (or, for malformed text, the line) and what is wrong. */
  private static IllegalArgumentException located(Path file, JsonProcessingException e) {
    JsonProblems.Problem p = JsonProblems.of(e);
    String at = p.path().isEmpty() ? p.where() : p.path() + ": ";
    return new IllegalArgumentException(file + ": " + at + p.message(), e);
  }

  /** A bundled agreement by name, or a YAML file (which may extend a bundled one). */
  public static Agreement agreement(String nameOrFile) throws AgreementException, IOException {
    return AgreementFiles.agreement(nameOrFile);
  }

  public static Declaration declaration(Path p) throws IOException, DeclarationException {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return DataExchangeJson.readDeclaration(p.toString(), r);
    }
  }

  /** Where each notification read by {@link #notifications} came from (by identity). */
  private static final Map<Notification, Path> SOURCES =
      Collections.synchronizedMap(new IdentityHashMap<>());

  /** An inventory error as one line naming the notification's file. */
  public static IllegalArgumentException located(Path notificationsDir, InventoryException e) {
    Path file = e.notification() == null ? null : SOURCES.get(e.notification());
    Path where = file != null ? file : notificationsDir;
    return new IllegalArgumentException((where == null ? "" : where + ": ") + e.getMessage(), e);
  }

  /** Every notification in the {@code *.json} files of a directory (or in one file). */
  public static List<Notification> notifications(Path dir)
      throws IOException, DeclarationException {
    List<Notification> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    if (!Files.exists(dir)) {
      throw new NoSuchFileException(dir.toString());
    }
    List<Path> files;
    if (Files.isDirectory(dir)) {
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
      }
    } else {
      files = List.of(dir);
    }
    for (Path f : files) {
      try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (Notification n : DataExchangeJson.readNotifications(f.toString(), r)) {
          SOURCES.put(n, f);
          out.add(n);
        }
      }
    }
    return out;
  }

  /** {@code o} as the data-exchange format writes it. */
  public static String json(Object o) {
    try {
      return DataExchangeJson.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code o} as {@link #STRICT_JSON} writes it (indented). */
  public static String strictJson(Object o) {
    try {
      return STRICT_JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes {@code text} to {@code p}, creating its directory. */
  public static void write(Path p, String text) throws IOException {
    if (p.getParent() != null) {
      Files.createDirectories(p.getParent());
    }
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  public static String value(Long v) {
    return v == null ? "unknown" : v.toString();
  }
}
