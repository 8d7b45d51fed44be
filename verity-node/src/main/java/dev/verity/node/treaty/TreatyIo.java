package dev.verity.node.treaty;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementException;
import dev.verity.core.message.DataExchangeJson;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Notification;
import dev.verity.node.cli.agreement.AgreementFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File access for the treaty commands: the domain takes Readers, this class opens the files. */
final class TreatyIo {
  private TreatyIo() {}

  /** A bundled agreement by name, or a YAML file (which may extend a bundled one). */
  static Agreement agreement(String nameOrFile) throws AgreementException, IOException {
    return AgreementFiles.agreement(nameOrFile);
  }

  static Declaration declaration(Path p) throws IOException, DeclarationException {
    try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
      return DataExchangeJson.readDeclaration(p.toString(), r);
    }
  }

  /** Where each notification read by {@link #notifications} came from (by identity). */
  private static final java.util.Map<Notification, Path> SOURCES =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** An inventory error as one line naming the notification's file. */
  static IllegalArgumentException located(Path notificationsDir, dev.verity.core.inventory.InventoryException e) {
    Path file = e.notification() == null ? null : SOURCES.get(e.notification());
    Path where = file != null ? file : notificationsDir;
    return new IllegalArgumentException((where == null ? "" : where + ": ") + e.getMessage(), e);
  }

  /** Every notification in the {@code *.json} files of a directory (or in one file). */
  static List<Notification> notifications(Path dir) throws IOException, DeclarationException {
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

  static String json(Object o) {
    try {
      return DataExchangeJson.mapper().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static void write(Path p, String text) throws IOException {
    if (p.getParent() != null) {
      Files.createDirectories(p.getParent());
    }
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static String value(Long v) {
    return v == null ? "unknown" : v.toString();
  }
}
