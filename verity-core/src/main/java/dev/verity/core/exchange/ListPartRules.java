package dev.verity.core.exchange;

import static dev.verity.core.exchange.ExchangeRegime.firstOf;
import static dev.verity.core.exchange.ExchangeRegime.refuse;
import static dev.verity.core.exchange.Rule.DUPLICATE;
import static dev.verity.core.exchange.Rule.MALFORMED;
import static dev.verity.core.exchange.Rule.PART_MISMATCH;
import static dev.verity.core.exchange.Rule.SIZE_MISMATCH;
import static dev.verity.core.exchange.Rule.UNKNOWN_LIST;
import static dev.verity.core.exchange.Rule.UNKNOWN_PART;
import static dev.verity.core.exchange.Rule.WRONG_SENDER;

import dev.verity.core.exchange.ExchangeMessage.DeclareList;
import dev.verity.core.exchange.ExchangeMessage.ListPart;
import dev.verity.core.exchange.ExchangeMessage.Reblind;
import dev.verity.core.exchange.ExchangeState.Assembly;
import dev.verity.core.regime.Refusal;
import dev.verity.tlog.merkle.Hash;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules of a list in parts ({@link ListParts}). The declaration is checked on its own: the
 * sender's list, not committed before, as many part roots as its count needs, and the list's root
 * built from them. Each part against its declaration: a part of a declared list (with that root),
 * in range, not in before, as many entries as its place gives, its entries hashing to the part
 * root declared, and its commitments strictly ascending, also across the neighbouring parts
 * already in (so no commitment is on the list twice, whatever order the parts come in). Each
 * refusal names the part; a part never sent leaves the list incomplete, and the list is neither
 * matched nor usable until it is in ({@link ExchangeState#pending()} names what is missing).
 */
final class ListPartRules {
  private ListPartRules() {}

  static Optional<Refusal> declare(ExchangeRules r, DeclareList d) {
    if (!d.party().equals(r.party()) || !r.arrangement().parties().contains(d.party())) {
      return refuse(WRONG_SENDER, r.party() + " may not commit a list of " + d.party()
          + ": each Party commits its own lists");
    }
    int parts = ListParts.partsFor(d.count());
    return firstOf(r.category(d.category()), r.notCommitted(d.id()),
        d.count() < 1 || d.count() > ListParts.MAX_PERSONS
            ? refuse(MALFORMED, "count " + d.count() + ": a list in parts has 1 to "
                + ListParts.MAX_PERSONS + " entries")
            : Optional.empty(),
        d.parts().size() != parts
            ? refuse(MALFORMED, "a list of " + d.count() + " is in " + parts + " parts of at most "
                + ListParts.PART_SIZE + ", not " + d.parts().size())
            : Optional.empty(),
        ListParts.root(d.parts()).equals(d.root()) ? Optional.empty()
            : refuse(MALFORMED, "the root is not the Merkle root over the " + parts
                + " part roots"));
  }

  static Optional<Refusal> part(ExchangeRules r, ListPart p) {
    ListId id = p.list();
    if (!id.party().equals(r.party())) {
      return refuse(WRONG_SENDER, r.party() + " may not send a part of a list of " + id.party());
    }
    if (r.s().list(id).filter(l -> l.root().equals(p.root())).isPresent()) {
      return refuse(DUPLICATE, "part " + p.part() + " of " + id + ": the list is complete");
    }
    Assembly a = r.s().assembling(id).filter(x -> x.declared().root().equals(p.root()))
        .orElse(null);
    if (a == null) {
      return refuse(UNKNOWN_LIST, "part " + p.part() + ": no list " + id + " with root "
          + p.root() + " was declared in parts");
    }
    int parts = a.declared().parts().size();
    if (p.part() < 1 || p.part() > parts) {
      return refuse(UNKNOWN_PART, "part " + p.part() + " of " + id + ": the list was declared"
          + " in " + parts + " parts");
    }
    if (a.parts().containsKey(p.part())) {
      return refuse(DUPLICATE, "part " + p.part() + " of " + id + " is already in");
    }
    return firstOf(shape(a, p), order(a, p));
  }

  /** As many entries as the part's place gives, hashing to the root declared for it. */
  private static Optional<Refusal> shape(Assembly a, ListPart p) {
    int want = ListParts.sizeOf(a.declared().count(), p.part());
    if (p.entries().size() != want) {
      return refuse(PART_MISMATCH, "part " + p.part() + " of " + p.list() + " has "
          + p.entries().size() + " entries; a list of " + a.declared().count() + " has " + want
          + " in that part");
    }
    Hash declared = a.declared().parts().get(p.part() - 1);
    return ListCommitment.tree(p.entries()).root().equals(declared) ? Optional.empty()
        : refuse(PART_MISMATCH, "part " + p.part() + " of " + p.list() + ": its entries do not"
            + " hash to the part root declared (" + declared + ")");
  }

  /** Commitments strictly ascending in the part, and between it and its neighbours in. */
  private static Optional<Refusal> order(Assembly a, ListPart p) {
    List<ListEntry> e = p.entries();
    for (int i = 1; i < e.size(); i++) {
      if (e.get(i - 1).commitment().compareTo(e.get(i).commitment()) >= 0) {
        return refuse(MALFORMED, "part " + p.part() + " of " + p.list() + ", entry " + i
            + ": a list's commitments are in ascending order, each once");
      }
    }
    List<ListEntry> before = a.parts().get(p.part() - 1);
    List<ListEntry> after = a.parts().get(p.part() + 1);
    boolean ok = (before == null || before.get(before.size() - 1).commitment()
        .compareTo(e.get(0).commitment()) < 0)
        && (after == null || e.get(e.size() - 1).commitment()
        .compareTo(after.get(0).commitment()) < 0);
    return ok ? Optional.empty() : refuse(MALFORMED, "part " + p.part() + " of " + p.list()
        + ": its commitments are not between those of its neighbouring parts (each once, in"
        + " ascending order)");
  }

  /** Part {@code part} of the other Party's blinding: in range, once, one value an entry. */
  static Optional<Refusal> reblindPart(Reblind b, int count, Set<Integer> done) {
    int parts = ListParts.partsFor(count);
    if (b.part() < 1 || b.part() > parts) {
      return refuse(UNKNOWN_PART, "part " + b.part() + " of " + b.list() + ": the list of "
          + count + " has " + parts + " parts");
    }
    if (done.contains(b.part())) {
      return refuse(DUPLICATE, "part " + b.part() + " of " + b.list() + " is already blinded");
    }
    int want = ListParts.sizeOf(count, b.part());
    return b.values().size() == want ? Optional.empty()
        : refuse(SIZE_MISMATCH, b.values().size() + " values for the " + want + " entries of"
            + " part " + b.part() + " of " + b.list());
  }
}
