package dev.verity.tlog.note;

/** Signs note texts with one key (C2SP signed-note). */
public interface NoteSigner {
  /** The key name, written in the signature line. */
  String name();

  /** The 32-bit key ID, written before the signature. */
  int keyId();

  /** The signature bytes (without the key ID) for the note {@code text} (UTF-8). */
  byte[] sign(byte[] text);
}
