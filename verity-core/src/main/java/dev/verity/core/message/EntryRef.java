package dev.verity.core.message;

/** An entry of a Party's log, by the Party and the entry's index in its log (from 0). */
public record EntryRef(String party, long index) {
  @Override
  public String toString() {
    return party + "#" + index;
  }
}
