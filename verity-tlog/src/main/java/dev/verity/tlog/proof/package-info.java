/**
 * C2SP tlog-proof (https://c2sp.org/tlog-proof): self-contained, offline-verifiable inclusion
 * proofs (index, inclusion path and the signed, possibly cosigned, checkpoint).
 */
package dev.verity.tlog.proof;
