package dev.verity.core.escrow;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.compliance.ComplianceEvaluator;
import dev.verity.core.compliance.PartyCompliance;
import dev.verity.core.message.Item;
import dev.verity.core.selection.Canonical;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.ProofException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The other Party's side of an escrowed declaration: checks each reveal against the commitment
 * (salt, index, inclusion proof to the committed root), and against what the inspectors saw; and
 * checks the committed aggregates against the limits without any item revealed.
 */
public final class EscrowVerifier {
  private EscrowVerifier() {}

  /** The outcome: reveals that check, and each problem by unique identifier. */
  public record Result(List<Item> accepted, List<RevealProblem> problems) {
    public boolean clean() {
      return problems.isEmpty();
    }
  }

  /** Checks {@code reveals} against {@code commitment}; {@code observed} (may be empty) are the items inspectors saw. */
  public static Result verify(EscrowCommitment commitment, List<Reveal> reveals, List<Item> observed) {
    List<RevealProblem> problems = new ArrayList<>();
    Hash root;
    byte[] rootBytes = Canonical.unhex(commitment.root());
    if (rootBytes == null || rootBytes.length != 32) {
      problems.add(new RevealProblem("(commitment)", "root is not a 32-byte hex hash"));
      return new Result(List.of(), problems);
    }
    root = Hash.of(rootBytes);
    Map<String, Item> ok = new LinkedHashMap<>();
    TreeMap<Long, String> okByIndex = new TreeMap<>();
    Map<String, Integer> seenIds = new HashMap<>();
    Map<Long, String> seenIndex = new HashMap<>();
    List<Reveal> failed = new ArrayList<>();
    List<String> failedWhy = new ArrayList<>();
    for (Reveal r : reveals) {
      String id = r.item() == null || r.item().id() == null ? "(no identifier)" : r.item().id();
      if (seenIds.merge(id, 1, Integer::sum) > 1) {
        problems.add(new RevealProblem(id, "revealed more than once"));
        continue;
      }
      String other = seenIndex.putIfAbsent(r.index(), id);
      if (other != null) {
        problems.add(new RevealProblem(id, "index " + r.index() + " was already revealed for " + other));
        continue;
      }
      if (r.item() == null || r.item().id() == null) {
        problems.add(new RevealProblem(id, "reveal without an item record"));
        continue;
      }
      byte[] salt = Canonical.unhex(r.salt());
      if (salt == null || salt.length != ItemRecords.SALT_BYTES) {
        problems.add(new RevealProblem(id, "salt is not " + ItemRecords.SALT_BYTES + " bytes of hex"));
        continue;
      }
      if (r.index() < 0 || r.index() >= commitment.size()) {
        problems.add(new RevealProblem(id, "index " + r.index() + " is outside the committed declaration of "
            + commitment.size() + " items"));
        continue;
      }
      List<Hash> path = new ArrayList<>();
      boolean badHex = false;
      for (String h : r.proof()) {
        byte[] b = Canonical.unhex(h);
        if (b == null || b.length != 32) {
          badHex = true;
          break;
        }
        path.add(Hash.of(b));
      }
      if (badHex) {
        problems.add(new RevealProblem(id, "proof holds a value that is not a 32-byte hex hash"));
        continue;
      }
      try {
        new InclusionProof(r.index(), commitment.size(), path).verify(ItemRecords.leafHash(r.item(), salt), root);
        ok.put(id, r.item());
        okByIndex.put(r.index(), id);
      } catch (ProofException e) {
        failed.add(r);
        failedWhy.add(e.reason() == ProofException.Reason.ROOT_MISMATCH
            ? "does not match the commitment at index " + r.index()
                + ": the item record, its salt or its index differs from what was committed"
            : "proof does not check: " + e.getMessage());
      }
    }
    // leaves are in canonical order, so a failing identifier bracketed by two adjacent verified
    // leaves was provably never committed
    for (int k = 0; k < failed.size(); k++) {
      Reveal r = failed.get(k);
      String id = r.item().id();
      String why = failedWhy.get(k);
      Map.Entry<Long, String> lo = null;
      Map.Entry<Long, String> hi = null;
      for (Map.Entry<Long, String> e : okByIndex.entrySet()) {
        int c = Canonical.UTF8_ORDER.compare(e.getValue(), id);
        if (c < 0) {
          lo = e;
        } else if (c > 0 && hi == null) {
          hi = e;
        }
      }
      long loIndex = lo == null ? -1 : lo.getKey();
      long hiIndex = hi == null ? commitment.size() : hi.getKey();
      if (hiIndex == loIndex + 1) {
        why = "not in the committed declaration: it would sit between "
            + (lo == null ? "the start" : lo.getValue() + " (index " + loIndex + ")") + " and "
            + (hi == null ? "the end" : hi.getValue() + " (index " + hiIndex + ")") + ", which are adjacent";
      }
      problems.add(new RevealProblem(id, why));
    }
    for (Item seen : observed) {
      Item rev = ok.get(seen.id());
      if (rev == null) {
        problems.add(new RevealProblem(seen.id(), "seen by the inspectors but not revealed with a valid proof"));
        continue;
      }
      List<String> diffs = new ArrayList<>();
      diff(diffs, "kind", rev.kind(), seen.kind());
      diff(diffs, "facility", rev.facility(), seen.facility());
      diff(diffs, "launcher", rev.launcher(), seen.launcher());
      diff(diffs, "carrier", rev.carrier(), seen.carrier());
      diff(diffs, "warheads", rev.warheads(), seen.warheads());
      diff(diffs, "armament", rev.armament(), seen.armament());
      if (!diffs.isEmpty()) {
        problems.add(new RevealProblem(seen.id(), "revealed record differs from what the inspectors saw: " + String.join("; ", diffs)));
      }
    }
    return new Result(List.copyOf(ok.values()), problems);
  }

  private static void diff(List<String> out, String field, Object revealed, Object seen) {
    if (seen != null && !Objects.equals(revealed, seen)) {
      out.add(field + " declared " + revealed + ", seen " + seen);
    }
  }

  /**
   * Once every committed item is revealed (and checks): whether the agreement's counting rules,
   * applied to the revealed items, give the committed aggregates. Null when they do, or when not
   * every item is revealed yet; else the problem.
   */
  public static RevealProblem aggregatesOfFullReveal(Agreement a, EscrowCommitment c, List<Item> accepted,
      List<dev.verity.core.message.Facility> facilities) {
    if (accepted.size() != c.size() || c.aggregates() == null) {
      return null;
    }
    Map<String, Long> recomputed;
    try {
      recomputed = new TreeMap<>(dev.verity.core.inventory.Inventory.of(a, "revealed items",
          new dev.verity.core.message.Declaration(c.agreement(), c.party(), c.asOf(), null, facilities, accepted)).aggregates());
    } catch (dev.verity.core.message.DeclarationException e) {
      return new RevealProblem("(aggregates)", "the revealed items do not form a valid declaration: " + e.getMessage());
    }
    if (!recomputed.equals(new TreeMap<>(c.aggregates()))) {
      return new RevealProblem("(aggregates)", "committed aggregates " + new TreeMap<>(c.aggregates())
          + " differ from those of the revealed items " + recomputed);
    }
    return null;
  }

  /** The committed aggregates against the agreement's limits, with no item revealed. */
  public static PartyCompliance compliance(Agreement a, EscrowCommitment c) {
    return new ComplianceEvaluator(a).evaluate(c.asOf(), c.party(), c.aggregates());
  }
}
