/**
 * C2SP signed-note (https://c2sp.org/signed-note), byte-compatible with Go's
 * golang.org/x/mod/sumdb/note.
 *
 * <p>Parse with {@link dev.verity.tlog.note.SignedNote#parse(byte[])}, verify with
 * {@link dev.verity.tlog.note.SignedNote#verify(dev.verity.tlog.note.NoteVerifiers)} (or both at
 * once with {@code SignedNote.open}); keys come from Go's key strings through
 * {@link dev.verity.tlog.note.NoteKeys}. Signature lines from unknown keys or other algorithms
 * are carried, never rejected; at least one trusted key must verify, and every trusted key's
 * signature must. Ed25519 signatures are exactly 64 bytes, keys 32.
 */
package dev.verity.tlog.note;
