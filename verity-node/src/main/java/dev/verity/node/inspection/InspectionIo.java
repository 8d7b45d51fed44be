package dev.verity.node.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.agreement.AgreementLoader;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.JsonProblems;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** File access for the inspection and escrow commands: one clear line naming the file and field on bad input. */
final class InspectionIo {
  static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();

  private InspectionIo() {}

  static <T> T read(Path file, Class<T> type) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return JSON.readValue(r, type);
    } catch (JsonProcessingException e) {
      throw located(file, e);
    }
  }

  static <T> T read(Path file, com.fasterxml.jackson.core.type.TypeReference<T> type)
      throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return JSON.readValue(r, type);
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

  static Declaration declaration(Path p) throws IOException {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return DataExchangeJson.readDeclaration(p.toString(), r);
    } catch (DeclarationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A bundled agreement by name, or a YAML file (which may extend a bundled one). */
  static Agreement agreement(String nameOrFile) throws IOException {
    try {
      if (nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml")) {
        Path p = Path.of(nameOrFile);
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
          return new AgreementLoader(InspectionIo::bundled).load(p.toString(), r);
        }
      }
      return AgreementCatalog.get(nameOrFile);
    } catch (AgreementException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Optional<Reader> bundled(String id) {
    var in = AgreementCatalog.class.getResourceAsStream(id + ".yaml");
    return in == null || !id.matches("[a-z0-9-]+")
        ? Optional.empty()
        : Optional.of(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  static String json(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void write(Path p, String text) throws IOException {
    if (p.getParent() != null) {
      Files.createDirectories(p.getParent());
    }
    Files.writeString(p, text + "\n", StandardCharsets.UTF_8);
  }
}
