package dev.verity.node.identity;

/**
 * What a node exports for its peers to pin (the identity file): who it is, the key its log
 * checkpoints are signed with, the key its cosignatures are made with, and its TLS certificate
 * with the SHA-256 pin of the certificate's public key (SubjectPublicKeyInfo, as in RFC 7469).
 *
 * @param logKey Go-format note verifier key (type 0x01) of the log, name = origin
 * @param witnessKey Go-format verifier key (type 0x04) of the node's cosignatures
 * @param tlsCertificate the DER certificate, base64
 * @param tlsPin hex SHA-256 of the certificate's SubjectPublicKeyInfo
 */
public record PublicIdentity(String party, String agreement, String origin, String logKey,
    String witnessKey, String tlsCertificate, String tlsPin) {}
