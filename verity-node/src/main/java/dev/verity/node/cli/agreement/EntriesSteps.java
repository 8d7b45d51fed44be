package dev.verity.node.cli.agreement;

import dev.verity.core.replay.Replay;
import dev.verity.core.replay.Replay.Input;
import dev.verity.node.entry.EntryException;
import dev.verity.node.entry.Envelope;
import dev.verity.node.verify.EntriesFile;
import dev.verity.node.verify.EntriesFile.Reader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads Parties' logs for {@code verity agreement replay --entries}: files in the format
 * {@code verity-entries/v1} that {@code verity node export} writes from a node's mirror, one
 * Party's log each. Every entry becomes a step in log order, dated by its entry's time and sent by
 * the Party whose log holds it, as the node folds it (docs/dev/decisions.md D17, D63), so the
 * offline fold numbers each step as the entry's index in that log. An entry that is not canonical
 * or names another Party stops the reading, naming the file and the entry.
 */
final class EntriesSteps {
  private EntriesSteps() {}

  static List<Input> read(List<Path> files) throws IOException {
    List<Input> out = new ArrayList<>();
    Set<String> parties = new HashSet<>();
    for (Path f : files) {
      try (Reader r = new EntriesFile.Reader(f)) {
        String party = r.header().party();
        if (!parties.add(party)) {
          throw new IllegalArgumentException(f + ": a second log of " + party);
        }
        long i = 0;
        for (byte[] entry = r.next(); entry != null && out.size() < StepsFile.MAX_STEPS;
            entry = r.next(), i++) {
          out.add(input(f, party, i, out.size(), entry));
        }
      }
    }
    return out;
  }

  private static Input input(Path f, String party, long i, int index, byte[] entry) {
    Envelope e;
    try {
      e = Envelope.decode(entry);
    } catch (EntryException ex) {
      throw new IllegalArgumentException(f + " entry " + i + ": " + ex.getMessage());
    }
    if (!party.equals(e.party())) {
      throw new IllegalArgumentException(f + " entry " + i + ": sent by " + e.party()
          + " in the log of " + party);
    }
    return new Replay.Input(index, e.createdAt(), party, e.type(), e.body());
  }
}
