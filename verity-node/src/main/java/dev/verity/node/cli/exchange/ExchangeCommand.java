package dev.verity.node.cli.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verity.core.exchange.ExchangeInputException;
import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.node.cli.io.CommandFiles;
import dev.verity.node.cli.io.NodeApiOptions;
import dev.verity.node.vault.PersonalDataVault;
import dev.verity.node.vault.VaultException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verity exchange}: mediated prisoner exchanges through a running node
 * (docs/formats/exchange.md, docs/user/exchange.md). The commands that touch personal data
 * ({@code list commit}, {@code match}, {@code open}, {@code export}) open the Party's vault on
 * this machine ({@code --dir}); what they send the node is commitments and blinded values only.
 */
@Command(
    name = "exchange",
    mixinStandardHelpOptions = true,
    description = "Mediated prisoner exchanges: commit lists without names, match them, open one"
        + " person to the ICRC or the mediator, read stages, discrepancies and the tally.",
    subcommands = {ExchangeListCommand.class, ExchangeMatchCommand.class,
        ExchangeOpenCommand.class, ExchangeCheckOpeningCommand.class,
        ExchangeStageCommand.class, ExchangeTallyCommand.class, ExchangeExportCommand.class,
        ExchangeVaultCommand.class})
public final class ExchangeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Where the Party's vault is: {@code DIR/vault/} and its key {@code DIR/vault.key}. */
  static final class VaultOptions {
    @Option(names = "--dir", required = true, paramLabel = "DIR",
        description = "The node's directory: the vault is DIR/vault/, its key DIR/vault.key.")
    Path dir;

    PersonalDataVault open() throws VaultException {
      return PersonalDataVault.open(dir.resolve("vault"), dir.resolve("vault.key"),
          new SecureRandom());
    }
  }

  /** The node's Party ({@code GET /api/v1/session}). */
  static String party(NodeApiOptions node) throws IOException {
    requireNode(node);
    return node.get("/api/v1/session").path("party").asText();
  }

  static void requireNode(NodeApiOptions node) {
    if (!node.present()) {
      throw new IllegalArgumentException("--node URL: the node's API is required");
    }
  }

  /** The committed lists of {@code exchange} as the node folded them. */
  static List<Listed> lists(NodeApiOptions node, String exchange) throws IOException {
    JsonNode r = node.get("/api/v1/exchanges/" + exchange + "/lists");
    List<Listed> out = new ArrayList<>();
    for (JsonNode l : r.path("lists")) {
      ObjectNode fields = l.deepCopy();
      JsonNode other = fields.remove("blindedByOther");
      try {
        ListCommitment c = ((CommitList) ExchangeJson.message("exchange-list", fields)).list();
        out.add(new Listed(c, other != null));
      } catch (ExchangeInputException e) {
        throw new IOException(node.node() + ": a list of " + exchange + " is unreadable: "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  /** A committed list, and whether the other Party has blinded it on top. */
  record Listed(ListCommitment list, boolean blindedByOther) {}

  /** Submits {@code fields} as a message of {@code type}; returns the node's receipt. */
  static JsonNode submit(NodeApiOptions node, String clientId, String type, ObjectNode fields)
      throws IOException {
    ObjectNode req = CommandFiles.STRICT_JSON.createObjectNode();
    req.put("clientId", clientId);
    req.put("type", type);
    req.set("message", fields);
    return node.post("/api/v1/messages", req);
  }

  static void done(PrintWriter out) {
    out.flush();
  }
}
