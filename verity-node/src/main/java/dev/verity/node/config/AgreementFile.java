package dev.verity.node.config;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An agreement defined in a YAML file rather than bundled: a node's {@code agreementFile}, or a
 * file named on the command line. It may extend a bundled agreement and include the bundled
 * provisions (docs/formats/agreement.md). The core does no I/O, so the file is read here.
 */
public final class AgreementFile {
  private AgreementFile() {}

  /** The agreement defined in {@code file}; errors name the file and the field. */
  public static Agreement read(Path file) throws AgreementException, IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return AgreementCatalog.loader().load(file.toString(), r);
    }
  }
}
