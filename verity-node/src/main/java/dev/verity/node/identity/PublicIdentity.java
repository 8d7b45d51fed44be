package dev.verity.node.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.verity.tlog.note.NoteException;
import dev.verity.tlog.note.NoteKeys;
import dev.verity.tlog.note.NoteKeys.KeyString;
import java.util.List;

/**
 * What a node exports for its peers to pin (the identity file): who it is, the key its log
 * checkpoints are signed with, the key its cosignatures are made with, and its TLS certificate
 * with the SHA-256 pin of the certificate's public key (SubjectPublicKeyInfo, as in RFC 7469).
 *
 * <p>One node takes part in several agreements with one Ed25519 log key: its log of agreement
 * {@code A} has the origin {@code <host>/A/<party>} (the host chosen at {@code node init
 * --origin}) and a note key of that name over the same public key ({@link #forAgreement}), as
 * C2SP signed-note needs a key named as the origin. The
 * file names the home {@link #agreement} (its {@link #logKey} is named for that one) and every
 * agreement the node is in ({@link #agreements}; absent in files from before, meaning the home
 * one only).
 *
 * @param logKey Go-format note verifier key (type 0x01) of the log, name = origin
 * @param witnessKey Go-format verifier key (type 0x04) of the node's cosignatures
 * @param tlsCertificate the DER certificate, base64
 * @param tlsPin hex SHA-256 of the certificate's SubjectPublicKeyInfo
 */
public record PublicIdentity(String party, String agreement, String origin, String logKey,
    String witnessKey, String tlsCertificate, String tlsPin,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> agreements) {

  public PublicIdentity {
    agreements = agreements == null || agreements.isEmpty()
        ? (agreement == null ? List.of() : List.of(agreement)) : List.copyOf(agreements);
  }

  /** An identity of the home agreement only (a one-agreement node, as before). */
  public PublicIdentity(String party, String agreement, String origin, String logKey,
      String witnessKey, String tlsCertificate, String tlsPin) {
    this(party, agreement, origin, logKey, witnessKey, tlsCertificate, tlsPin, null);
  }

  /**
   * The same node as seen in agreement {@code a}: its log origin there and the log key renamed
   * to it (same public key). Signatures cannot cross agreements: a checkpoint's signed text
   * starts with its origin (C2SP tlog-checkpoint), and so does what a cosignature signs.
   */
  public PublicIdentity forAgreement(String a) {
    if (a.equals(agreement)) {
      return this;
    }
    String o = NodeIdentity.origin(NodeIdentity.hostOf(origin, agreement, party), a, party);
    try {
      KeyString k = NoteKeys.splitVerifierKey(logKey);
      return new PublicIdentity(party, a, o, NoteKeys.formatKey(o, k.type(), k.key()),
          witnessKey, tlsCertificate, tlsPin, List.of(a));
    } catch (NoteException e) {
      throw new IllegalArgumentException("logKey: " + e.getMessage(), e);
    }
  }

  /** This identity with the witness key {@code key} (a rotation the node announced). */
  public PublicIdentity withWitnessKey(String key) {
    return new PublicIdentity(party, agreement, origin, logKey, key, tlsCertificate, tlsPin,
        agreements);
  }

  /** This identity with the TLS pin {@code pin} (a rotation the node announced). */
  public PublicIdentity withTlsPin(String pin) {
    return new PublicIdentity(party, agreement, origin, logKey, witnessKey, null, pin,
        agreements);
  }

  /** This identity naming {@code list} as the agreements its node is in. */
  public PublicIdentity withAgreements(List<String> list) {
    return new PublicIdentity(party, agreement, origin, logKey, witnessKey, tlsCertificate,
        tlsPin, list);
  }
}
