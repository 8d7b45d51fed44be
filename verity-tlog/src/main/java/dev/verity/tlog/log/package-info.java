/**
 * Writing and reading a log. {@link dev.verity.tlog.log.LogWriter} sequences concurrent appends in
 * batches (group commit: one fsync pass and one signed checkpoint per batch) and answers an append
 * only once the checkpoint covering it is published; on open it recovers from whatever an
 * interrupted batch left. {@link dev.verity.tlog.log.LogReader} serves entries and RFC 9162 proofs
 * from the tiles as of the current checkpoint.
 */
package dev.verity.tlog.log;
