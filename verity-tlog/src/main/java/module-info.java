/**
 * C2SP transparency logs for Java: RFC 9162 Merkle trees ({@code merkle}), signed notes ({@code
 * note}), checkpoints, cosignatures, tiles, the witness protocol, offline proofs, crash-safe
 * storage, the batching log writer and the audit.
 *
 * <p>Every package is exported except {@code dev.verity.tlog.internal}: strict decimals, Go's
 * base64 and the length-checked Ed25519 wrapper are how the formats are implemented, not part of
 * what they are, and may change without notice. BouncyCastle is needed at run time (Ed25519) but no
 * BouncyCastle type appears in the API, so it is not required transitively; {@code jdk.httpserver}
 * serves the witness.
 */
module dev.verity.tlog {
  requires org.bouncycastle.provider;
  requires jdk.httpserver;

  exports dev.verity.tlog.audit;
  exports dev.verity.tlog.checkpoint;
  exports dev.verity.tlog.cosignature;
  exports dev.verity.tlog.log;
  exports dev.verity.tlog.merkle;
  exports dev.verity.tlog.note;
  exports dev.verity.tlog.proof;
  exports dev.verity.tlog.storage;
  exports dev.verity.tlog.tiles;
  exports dev.verity.tlog.witness;
}
