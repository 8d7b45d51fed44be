package dev.verity.node.cli.inspection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.node.cli.io.NodeApiOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity inspection submit}: sends one inspection, exhibition or commission step to a
 * node's {@code POST /api/v1/messages} with an operator token, and says what became of it.
 */
@Command(
    name = "submit",
    mixinStandardHelpOptions = true,
    description = {
      "Submit an inspection, exhibition or commission step to a node (POST /api/v1/messages).",
      "Exit codes: 0 appended (or already appended under this client id), 4 refused by the treaty's rules"
          + " (the refusal and reason are printed), 1 any other error."
    })
public final class InspectionSubmitCommand implements Callable<Integer> {
  static final int EXIT_REFUSED = 4;

  @Spec CommandSpec spec;

  @Mixin NodeApiOptions api;

  @Option(names = "--type", required = true, paramLabel = "TYPE", description = "e.g. inspection-notice, commission-session")
  String type;

  @Option(names = "--message", required = true, paramLabel = "FILE",
      description = "The step's body as JSON, without type and party (docs/formats/api.md).")
  Path message;

  @Option(names = "--client-id", paramLabel = "ID", description = "Idempotency key (default: a random one).")
  String clientId;

  @Override
  public Integer call() throws Exception {
    if (!api.present()) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--node=URL'");
    }
    if (api.token() == null) {
      throw new IllegalArgumentException("--token: required (or set VERITY_TOKEN)");
    }
    JsonNode body = CommandFiles.STRICT_JSON.readTree(Files.readString(message));
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("--message " + message + ": not a JSON object");
    }
    ObjectNode req = CommandFiles.STRICT_JSON.createObjectNode();
    req.put("clientId", clientId != null ? clientId : "cli-" + UUID.randomUUID());
    req.put("type", type);
    req.set("message", body);
    NodeApiOptions.Answer a = api.send("POST", "/api/v1/messages", req);
    return report(a.status(), a.body());
  }
  private int report(int status, JsonNode a) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      if (status == 200 || status == 201) {
        out.printf("%s %s entry %s/%d%s%n", type, status == 201 ? "appended as" : "already appended as",
            a.path("party").asText(), a.path("index").asLong(), status == 201 ? "" : " (same client id)");
        return 0;
      }
      if (status == 422 && a.hasNonNull("refusal")) {
        err.printf("verity: %s refused: %s: %s%n", type, a.path("refusal").asText(), a.path("reason").asText());
        return EXIT_REFUSED;
      }
      err.printf("verity: HTTP %d%s: %s%n", status, a.hasNonNull("field") ? " (" + a.path("field").asText() + ")" : "",
          a.path("error").asText());
      return 1;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
