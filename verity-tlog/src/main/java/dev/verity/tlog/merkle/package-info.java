/**
 * RFC 9162 §2 Merkle trees (https://www.rfc-editor.org/rfc/rfc9162#section-2): the 32-byte {@link
 * dev.verity.tlog.merkle.Hash}, leaf and node hashing ({@link dev.verity.tlog.merkle.MerkleHash}),
 * inclusion and consistency proofs generated from any {@link dev.verity.tlog.merkle.HashReader}
 * ({@link dev.verity.tlog.merkle.TreeProofs}) and verified with the RFC's own algorithms, subtree
 * proofs (draft-ietf-plants-merkle-tree-certs §4), and the compact range an appender keeps. {@link
 * dev.verity.tlog.merkle.ProofException#reason()} says why a proof was refused.
 */
package dev.verity.tlog.merkle;
