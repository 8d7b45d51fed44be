package dev.verity.core.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agreements that ship with Verity, read from class-path resources (a stream from the class
 * loader, not file I/O). Which they are is data too: {@code catalog.yaml} lists them, so adding
 * an agreement touches no Java. Each is {@code <id>.yaml} next to this class; the shared
 * provisions it may include are {@code provisions/<id>.yaml}; its label files are
 * {@code i18n/<id>.<lang>.json}.
 */
public final class AgreementCatalog {
  /** The bundled definitions, by id, in the order {@code catalog.yaml} gives. */
  public static final List<String> BUNDLED = index();

  private static final String ID = "[a-z0-9-]+";

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
    Reader r = resource(id).orElseThrow(() -> new AgreementException("unknown agreement '" + id
        + "' (known: " + String.join(", ", BUNDLED) + ")"));
    return loader().load(id + ".yaml", r);
  }

  /**
   * The message type of another bundled agreement under which {@code type} is given ({@link
   * MessageType#providedUnder}): New START's {@code launch} resolves to the 1988 agreement's
   * {@code launch-notification}.
   */
  public static MessageType providedUnder(MessageType type) throws AgreementException {
    MessageType.ProvidedUnder u = type.providedUnder();
    if (u == null) {
      throw new AgreementException(type.id() + " is not provided under another agreement");
    }
    return get(u.agreement()).messageType(u.message()).orElseThrow(() -> new AgreementException(
        type.id() + ": providedUnder: " + u.agreement() + " has no message type '"
            + u.message() + "'"));
  }

  /** A loader that resolves {@code extends} and {@code includes} against the bundled files. */
  public static AgreementLoader loader() {
    return new AgreementLoader(AgreementCatalog::resource, AgreementCatalog::provision);
  }

  /** The text of the bundled agreement {@code id}, if there is one. */
  public static Optional<Reader> resource(String id) {
    return id.matches(ID) ? open(id + ".yaml") : Optional.empty();
  }

  /** The text of the bundled provision {@code id} (e.g. {@code commission}), if there is one. */
  public static Optional<Reader> provision(String id) {
    return id.matches(ID) ? open("provisions/" + id + ".yaml") : Optional.empty();
  }

  /**
   * The label file of an agreement or provision in a language ({@code en}, {@code ru}, {@code
   * ar}): a JSON object from label key to text, served to the dashboard as it is.
   */
  public static Optional<Reader> labels(String id, String lang) {
    return id.matches(ID) && lang.matches("[a-z]{2}") ? open("i18n/" + id + "." + lang + ".json")
        : Optional.empty();
  }

  private static Optional<Reader> open(String name) {
    InputStream in = AgreementCatalog.class.getResourceAsStream(name);
    return in == null ? Optional.empty()
        : Optional.of(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static List<String> index() {
    try (Reader r = open("catalog.yaml").orElseThrow()) {
      JsonNode list = new ObjectMapper(new YAMLFactory()).readTree(r).path("agreements");
      List<String> out = new ArrayList<>();
      list.forEach(n -> out.add(n.asText()));
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException("catalog.yaml of the bundled agreements is unreadable", e);
    }
  }
}
