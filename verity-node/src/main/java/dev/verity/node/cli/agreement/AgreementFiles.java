package dev.verity.node.cli.agreement;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.AgreementCatalog;
import dev.verity.core.agreement.AgreementException;
import dev.verity.node.config.AgreementFile;
import java.io.IOException;
import java.nio.file.Path;

/** An agreement named on the command line: a bundled one by id, or a YAML file. */
public final class AgreementFiles {
  private AgreementFiles() {}

  /**
   * A bundled agreement by name, or a YAML file (which may extend a bundled one and include the
   * bundled provisions).
   */
  public static Agreement agreement(String nameOrFile) throws AgreementException, IOException {
    return isFile(nameOrFile) ? read(Path.of(nameOrFile)) : AgreementCatalog.get(nameOrFile);
  }

  /** Whether {@code nameOrFile} names a YAML file rather than a bundled agreement. */
  public static boolean isFile(String nameOrFile) {
    return nameOrFile.endsWith(".yaml") || nameOrFile.endsWith(".yml");
  }

  /** The agreement defined in the YAML file {@code p}; errors name the file and the field. */
  public static Agreement read(Path p) throws AgreementException, IOException {
    return AgreementFile.read(p);
  }
}
