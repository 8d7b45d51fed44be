/**
 * The audit ({@code fsck}): {@link dev.verity.tlog.audit.LogAuditor} recomputes every leaf and tile
 * of a C2SP tlog-tiles log from its entry bundles (RFC 9162 §2.1.1 hashing) and checks them, and
 * the root, against the verified checkpoint, listing every file that disagrees.
 */
package dev.verity.tlog.audit;
