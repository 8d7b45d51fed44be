package dev.verity.node.api;

import dev.verity.node.store.NodeStore;
import dev.verity.node.store.StoreException;
import java.util.Map;
import java.util.WeakHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins (an unknown API token) go to the audit trail with the caller's address and the
 * path, never the token (issue 17). A guesser must not be able to fill the trail, so at most
 * {@link #PER_MINUTE} are recorded a minute per node; the rest are counted, and the count is
 * recorded with the next one that fits (and logged).
 */
final class SignInAudit {
  private static final Logger LOG = LoggerFactory.getLogger(SignInAudit.class);
  static final int PER_MINUTE = 30;

  /** Per store (one per node, and several nodes may share a JVM in tests and benches). */
  private static final Map<NodeStore, SignInAudit> BY_STORE = new WeakHashMap<>();

  private long minute = -1;
  private int recorded;
  private long dropped;

  private SignInAudit() {}

  static void refused(NodeStore store, String address, String path) {
    SignInAudit a;
    synchronized (BY_STORE) {
      a = BY_STORE.computeIfAbsent(store, s -> new SignInAudit());
    }
    String detail = a.admit(System.currentTimeMillis() / 60_000, address, path);
    if (detail == null) {
      return;
    }
    try {
      store.audit("unknown", "sign-in-refused", detail);
    } catch (StoreException e) {
      LOG.warn("cannot audit a refused sign-in: {}", e.getMessage());
    }
  }

  /** The detail to record, or null when this minute's quota is spent. */
  private synchronized String admit(long now, String address, String path) {
    if (now != minute) {
      minute = now;
      recorded = 0;
    }
    if (recorded >= PER_MINUTE) {
      if (dropped++ == 0) {
        LOG.warn("more than {} refused sign-ins this minute: counting the rest", PER_MINUTE);
      }
      return null;
    }
    recorded++;
    String more = dropped == 0 ? "" : " (" + dropped + " more before, not recorded one by one)";
    dropped = 0;
    return "unknown API token from " + address + " for " + path + more;
  }
}
