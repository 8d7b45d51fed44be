package dev.verity.core.selection;

import java.util.List;

/**
 * Everything the selection is derived from; anyone holding this can recompute it.
 *
 * @param inspection the inspection's id
 * @param inspecting the inspecting Party: committed first, reveals last
 * @param inspected the inspected Party: answers with its secret (a commitment is optional)
 * @param checkpoints the latest cosigned checkpoint of each Party's log, fixed in the inspecting
 *     Party's commitment entry (before any secret is known)
 * @param sites candidate sites; missiles and bombers name the site they are at
 * @param bombers how many bombers to select at the selected site
 */
public record SelectionInputs(
    String inspection,
    Contribution inspecting,
    Contribution inspected,
    List<CheckpointRef> checkpoints,
    List<String> sites,
    List<Candidate> missiles,
    List<Candidate> bombers,
    int bomberCount) {

  /** A Party's part: its commitment (hex; may be null for the inspected Party) and revealed secret (hex, 32 bytes). */
  public record Contribution(String party, String commitment, String secret) {}

  /** A checkpoint of a Party's log: origin line, tree size, root hash (base64, as in the checkpoint). */
  public record CheckpointRef(String party, String origin, long size, String rootHash) {}

  /** An item that may be selected, by unique identifier, and the site it is at. */
  public record Candidate(String id, String site) {}

  public List<CheckpointRef> checkpoints() {
    return checkpoints == null ? List.of() : checkpoints;
  }

  public List<String> sites() {
    return sites == null ? List.of() : sites;
  }

  public List<Candidate> missiles() {
    return missiles == null ? List.of() : missiles;
  }

  public List<Candidate> bombers() {
    return bombers == null ? List.of() : bombers;
  }
}
