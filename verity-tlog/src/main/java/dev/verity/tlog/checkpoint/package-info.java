/**
 * C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the strict
 * {@link dev.verity.tlog.checkpoint.Checkpoint} body and
 * {@link dev.verity.tlog.checkpoint.SignedCheckpoint} to open (parse and verify) or sign one.
 */
package dev.verity.tlog.checkpoint;
