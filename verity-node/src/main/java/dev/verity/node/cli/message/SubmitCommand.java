package dev.verity.node.cli.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.message.JsonProblems;
import dev.verity.node.cli.io.NodeApiOptions;
import dev.verity.node.json.CanonicalJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verity message submit --node URL --type T --message FILE}: one message of any type the
 * node takes (a notification of the agreement's catalogue, a correction, a declaration, an
 * inspection or commission step) to {@code POST /api/v1/messages}, and what became of it.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit a message to a node (POST /api/v1/messages) with an operator token.",
      "The client id defaults to one derived from the type and the file's content, so running the"
          + " same command again is a harmless retry.",
      "Exit codes: 0 accepted (or accepted before under this client id); 2 bad usage;"
          + " 3 refused by the rules (422); 4 malformed (400, or the file is not JSON);"
          + " 5 conflict (409: the client id names another message); 74 node unreachable;"
          + " 1 anything else (a wrong token, ...)."
    })
final class SubmitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin NodeApiOptions api;

  @Option(names = "--agreement", paramLabel = "ID",
      description = "Which of the node's agreements (default: its home agreement).")
  String agreement;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description =
          "A message type of the node's agreement (GET /api/v1/agreement), or"
              + " declaration, correction, inspection-..., commission-...")
  String type;

  @Option(
      names = "--message",
      required = true,
      paramLabel = "FILE",
      description = "The message as JSON (docs/formats/data-exchange.md, docs/formats/api.md).")
  Path message;

  @Option(
      names = "--client-id",
      paramLabel = "ID",
      description = "Idempotency key (default: cli- and a digest of the type and the message).")
  String clientId;

  @Override
  public Integer call() throws Exception {
    Usage.requireNode(spec, api);
    JsonNode body = read();
    if (body == null) {
      return MessageCommand.EXIT_MALFORMED;
    }
    ObjectNode req = CanonicalJson.mapper().createObjectNode();
    req.put("clientId", clientId != null ? clientId : derivedId(body));
    req.put("type", type);
    req.set("message", body);
    NodeApiOptions.Answer a =
        api.send("POST", NodeApiOptions.in("/api/v1/messages", agreement), req);
    report(a);
    return MessageCommand.exitFor(a.status());
  }

  /** The message file as a JSON object; null (said on stderr) when it is not one. */
  private JsonNode read() throws IOException {
    String text;
    try {
      text = Files.readString(message, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "--message " + message + ": no such file");
    }
    try {
      JsonNode n = CanonicalJson.mapper().readTree(text);
      if (n != null && n.isObject()) {
        return n;
      }
      err().printf("verity: --message %s: expected a JSON object {...}%n", message);
    } catch (JsonProcessingException e) {
      err().printf("verity: --message %s: %s%n", message, JsonProblems.describe(e));
    }
    err().flush();
    return null;
  }

  private String derivedId(JsonNode body) throws Exception {
    byte[] d =
        MessageDigest.getInstance("SHA-256")
            .digest(
                (type + "\n" + CanonicalJson.mapper().writeValueAsString(body))
                    .getBytes(StandardCharsets.UTF_8));
    return "cli-" + HexFormat.of().formatHex(d, 0, 16);
  }

  private void report(NodeApiOptions.Answer a) {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode b = a.body();
    if (a.ok()) {
      out.printf(
          "%s %s entry %s/%d%s%n",
          type,
          a.status() == 201 ? "appended as" : "already appended as",
          b.path("party").asText(),
          b.path("index").asLong(),
          a.status() == 201 ? "" : " (the same message under the same client id)");
      out.flush();
      return;
    }
    String what =
        switch (a.status()) {
          case 422 -> "refused by the rules";
          case 400, 413 -> "malformed";
          case 409 -> "conflict";
          default -> "not accepted";
        };
    String refusal = b.hasNonNull("refusal") ? b.path("refusal").asText() + ": " : "";
    err().printf("verity: %s (HTTP %d): %s%s%n", what, a.status(), refusal, a.error());
    err().flush();
  }

  private PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
