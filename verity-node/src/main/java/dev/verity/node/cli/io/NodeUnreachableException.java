package dev.verity.node.cli.io;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

/** The node's API could not be reached at all: nothing was sent or answered. Names the URL. */
public final class NodeUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  public NodeUnreachableException(URI node, IOException cause) {
    super("cannot reach the node at " + node + ": " + why(cause), cause);
  }

  private static String why(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused (is it running, on this address and port?)";
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    return e.getMessage() == null ? "the connection failed" : e.getMessage();
  }
}
