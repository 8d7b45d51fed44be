/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature) {@code cosignature/v1}: timestamped
 * Ed25519 witness cosignatures, signature type 0x04. The signer and verifier plug into
 * {@link dev.verity.tlog.note} as {@link dev.verity.tlog.note.NoteSigner} and
 * {@link dev.verity.tlog.note.NoteVerifier}.
 */
package dev.verity.tlog.cosignature;
