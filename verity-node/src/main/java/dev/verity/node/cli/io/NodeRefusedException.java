package dev.verity.node.cli.io;

import java.net.URI;

/** The node answered, but not with success: its status and its error, with the field at fault. */
public final class NodeRefusedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient NodeApiOptions.Answer answer;

  public NodeRefusedException(URI node, NodeApiOptions.Answer answer) {
    super(node + " answered " + answer.status() + ": " + answer.error());
    this.answer = answer;
  }

  public NodeApiOptions.Answer answer() {
    return answer;
  }
}
