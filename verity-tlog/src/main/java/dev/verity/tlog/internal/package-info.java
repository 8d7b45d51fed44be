/**
 * How the formats are implemented, shared by the library's packages: strict decimals (C2SP
 * tlog-checkpoint, tlog-witness, tlog-proof), standard base64 as Go reads it (RFC 4648 §4) and
 * length-checked Ed25519 (RFC 8032). Not exported by the {@code dev.verity.tlog} module: not API,
 * and it may change without notice.
 */
package dev.verity.tlog.internal;
