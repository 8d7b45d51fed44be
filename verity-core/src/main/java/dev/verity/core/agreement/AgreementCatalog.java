package dev.verity.core.agreement;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agreements that ship with Verity, read from class-path resources (a stream from the class
 * loader, not file I/O).
 */
public final class AgreementCatalog {
  /** The bundled definitions, by id; each is {@code <id>.yaml} next to this class. */
  public static final List<String> BUNDLED =
      List.of("new-start", "new-start-voluntary-2026", "trilateral-hypothetical");

  private AgreementCatalog() {}

  public static List<Agreement> bundled() throws AgreementException {
    List<Agreement> out = new ArrayList<>();
    for (String id : BUNDLED) {
      out.add(get(id));
    }
    return out;
  }

  /** The bundled agreement {@code id}. */
  public static Agreement get(String id) throws AgreementException {
    Reader r = resource(id)
        .orElseThrow(() -> new AgreementException("unknown agreement '" + id + "' (known: " + String.join(", ", BUNDLED) + ")"));
    return new AgreementLoader(AgreementCatalog::resource).load(id + ".yaml", r);
  }

  static Optional<Reader> resource(String id) {
    if (!id.matches("[a-z0-9-]+")) {
      return Optional.empty();
    }
    InputStream in = AgreementCatalog.class.getResourceAsStream(id + ".yaml");
    return in == null ? Optional.empty() : Optional.of(new InputStreamReader(in, StandardCharsets.UTF_8));
  }
}
