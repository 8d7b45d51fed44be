package dev.verity.node.identity;

import dev.verity.tlog.cosignature.CosignatureSigner;
import dev.verity.tlog.note.NoteSignature;
import java.time.Clock;

/**
 * The witness's cosigner across a rotation ({@link WitnessRotation}): the old key before the
 * switch, the next key from it on, by the wall clock (an exercise clock stamps cosignatures with
 * its own time, but the switch is the instant announced, in real time). The switch follows the
 * announcement in the log, so peers know the next key before it signs anything (C2SP
 * tlog-cosignature: a cosigner is identified by its key name and key ID, both on each line).
 */
final class RotatingCosigner implements CosignatureSigner {
  private final CosignatureSigner old;
  private final CosignatureSigner next;
  private final long switchAt;
  private final Clock wallClock;

  RotatingCosigner(CosignatureSigner old, CosignatureSigner next, long switchAt,
      Clock wallClock) {
    this.old = old;
    this.next = next;
    this.switchAt = switchAt;
    this.wallClock = wallClock;
  }

  private CosignatureSigner now() {
    return Math.floorDiv(wallClock.millis(), 1000L) < switchAt ? old : next;
  }

  @Override
  public NoteSignature cosign(String checkpointBody, long timestamp) {
    return now().cosign(checkpointBody, timestamp);
  }

  @Override
  public String verifierKey() {
    return now().verifierKey();
  }

  @Override
  public String name() {
    return now().name();
  }

  @Override
  public int keyId() {
    return now().keyId();
  }

  @Override
  public byte[] sign(byte[] text) {
    return now().sign(text);
  }
}
