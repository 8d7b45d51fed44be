package dev.verity.node.runtime;

import dev.verity.node.config.ConfigException;
import dev.verity.node.config.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the directory of a node made before several agreements to the present layout on start.
 * Such a node served one agreement ({@code agreement: X} in node.yaml, its log, node.db and
 * escrow.db in {@code DIR}); that agreement becomes its home agreement, whose data stays where
 * it is, so no entry, receipt or witness state is moved or rewritten. What changes is node.yaml:
 * it gains {@code agreements: [X]} and each peer {@code agreements: [X]}, written to a temporary
 * file and renamed over the old one (one atomic step: a start that dies before it finds the old
 * file and migrates again, one that dies after finds the new one). Decision "One node, several
 * agreements" in docs/dev/decisions.md.
 */
final class NodeMigration {
  private static final Logger LOG = LoggerFactory.getLogger(NodeMigration.class);

  /** A top-level {@code agreements:} key in node.yaml: the present layout. */
  private static final Pattern AGREEMENTS = Pattern.compile("(?m)^agreements:");

  private NodeMigration() {}

  /** The node's configuration, node.yaml rewritten first if it is from before. */
  static NodeConfig migrate(Path dir) throws ConfigException {
    NodeConfig c = NodeConfig.read(dir);
    Path yaml = dir.resolve("node.yaml");
    String text;
    try {
      text = Files.readString(yaml);
    } catch (IOException e) {
      throw new ConfigException(yaml + ": " + e.getMessage(), e);
    }
    if (!AGREEMENTS.matcher(text).find()) {
      c.write(dir); // the record writes agreements, and each peer's, with their defaults
      LOG.info("{}: a node of one agreement, {}: now its home agreement (node.yaml rewritten;"
          + " its log and state stay in {})", yaml, c.agreement(), dir);
    }
    return c;
  }
}
