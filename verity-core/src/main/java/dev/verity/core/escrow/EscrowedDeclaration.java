package dev.verity.core.escrow;

import dev.verity.core.agreement.Agreement;
import dev.verity.core.agreement.DeclarationMode;
import dev.verity.core.inventory.Inventory;
import dev.verity.core.message.Declaration;
import dev.verity.core.message.DeclarationException;
import dev.verity.core.message.Item;
import dev.verity.core.selection.Canonical;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.TreeProofs;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A declaration in escrow, on the declaring Party's side (after Philippe, Glaser, Felten et al.,
 * Science &amp; Global Security 27(1), 2019): its items ordered by unique identifier, each with a
 * 32-byte random salt, as leaves of an RFC 9162 Merkle tree. {@link #commitment()} is what is
 * published; {@link #reveal} opens chosen items with inclusion proofs. The salts stay private.
 */
public final class EscrowedDeclaration {
  private final Agreement agreement;
  private final Declaration declaration;
  private final List<Item> items; // canonical order
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, byte[]> salts;
  private final MemoryTree tree = new MemoryTree();
  private final EscrowCommitment commitment;

  private EscrowedDeclaration(Agreement a, Declaration d, Map<String, byte[]> salts) throws EscrowException {
    if (a.declarationMode() != DeclarationMode.ESCROW) {
      throw new EscrowException("agreement " + a.id() + " publishes declarations in full (declarationMode: "
          + a.declarationMode().label() + "), not in escrow");
    }
    this.agreement = a;
    this.declaration = d;
    List<Item> sorted = new ArrayList<>(d.items());
    for (Item i : sorted) {
      if (i.id() == null || i.id().isEmpty()) {
        throw new EscrowException("an item without unique identifier");
      }
    }
    sorted.sort((x, y) -> Canonical.UTF8_ORDER.compare(x.id(), y.id()));
    for (int k = 0; k < sorted.size(); k++) {
      if (index.put(sorted.get(k).id(), k) != null) {
        throw new EscrowException("duplicate unique identifier " + sorted.get(k).id());
      }
    }
    this.items = Collections.unmodifiableList(sorted);
    this.salts = salts;
    for (Item i : items) {
      byte[] salt = salts.get(i.id());
      if (salt == null || salt.length != ItemRecords.SALT_BYTES) {
        throw new EscrowException("no " + ItemRecords.SALT_BYTES + "-byte salt for item " + i.id());
      }
      tree.appendLeafHash(ItemRecords.leafHash(i, salt));
    }
    Map<String, Long> aggregates;
    try {
      aggregates = new TreeMap<>(Inventory.of(a, "escrowed declaration", d).aggregates());
    } catch (DeclarationException e) {
      throw new EscrowException(e.getMessage(), e);
    }
    this.commitment = new EscrowCommitment(EscrowCommitment.FORMAT, a.id(), d.party(), d.asOf(), items.size(),
        tree.root().hex(), aggregates);
  }

  /** Commits to {@code d} with a fresh random salt per item. */
  public static EscrowedDeclaration commit(Agreement a, Declaration d, SecureRandom random) throws EscrowException {
    Map<String, byte[]> salts = new LinkedHashMap<>();
    for (Item i : d.items()) {
      byte[] s = new byte[ItemRecords.SALT_BYTES];
      random.nextBytes(s);
      salts.put(i.id(), s);
    }
    return new EscrowedDeclaration(a, d, salts);
  }

  /** Rebuilds the escrow of {@code d} with the salts kept from {@link #commit} (to reveal later). */
  public static EscrowedDeclaration withSalts(Agreement a, Declaration d, Map<String, byte[]> salts) throws EscrowException {
    return new EscrowedDeclaration(a, d, salts);
  }

  public EscrowCommitment commitment() {
    return commitment;
  }

  public Agreement agreement() {
    return agreement;
  }

  public Declaration declaration() {
    return declaration;
  }

  /** The salts by unique identifier (private to the declaring Party), in canonical order. */
  public Map<String, byte[]> salts() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (Item i : items) {
      out.put(i.id(), salts.get(i.id()).clone());
    }
    return out;
  }

  /** The items in leaf order. */
  public List<Item> items() {
    return items;
  }

  public Hash root() {
    return tree.root();
  }

  /** Opens the items {@code ids}, each with its salt, index and inclusion proof. */
  public List<Reveal> reveal(List<String> ids) throws EscrowException {
    List<Reveal> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      Integer k = index.get(id);
      if (k == null) {
        throw new EscrowException("item " + id + " is not in the declaration");
      }
      InclusionProof p;
      try {
        p = TreeProofs.inclusion(tree, k, tree.size());
      } catch (IOException e) {
        throw new EscrowException("cannot prove item " + id + ": " + e.getMessage(), e);
      }
      out.add(new Reveal(items.get(k), Canonical.hex(salts.get(id)), k, p.path().stream().map(Hash::hex).toList()));
    }
    return out;
  }

  /** Every item revealed. */
  public List<Reveal> revealAll() throws EscrowException {
    return reveal(items.stream().map(Item::id).toList());
  }
}
