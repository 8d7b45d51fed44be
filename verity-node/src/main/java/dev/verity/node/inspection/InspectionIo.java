package dev.verity.node.inspection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
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
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(file + ": " + path(e) + ": " + e.getOriginalMessage().split("\n")[0], e);
    } catch (JsonProcessingException e) {
      var l = e.getLocation();
      throw new IllegalArgumentException(file + (l == null ? "" : ": line " + l.getLineNr() + ", column " + l.getColumnNr())
          + ": malformed JSON: " + e.getOriginalMessage().split("\n")[0], e);
    }
  }

  static <T> T read(Path file, com.fasterxml.jackson.core.type.TypeReference<T> type) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return JSON.readValue(r, type);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(file + ": " + path(e) + ": " + e.getOriginalMessage().split("\n")[0], e);
    } catch (JsonProcessingException e) {
      var l = e.getLocation();
      throw new IllegalArgumentException(file + (l == null ? "" : ": line " + l.getLineNr() + ", column " + l.getColumnNr())
          + ": malformed JSON: " + e.getOriginalMessage().split("\n")[0], e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(top)" : sb.toString();
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
