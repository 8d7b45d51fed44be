package dev.verity.core.ceasefire;

import dev.verity.core.selection.Canonical;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.InclusionProof;
import dev.verity.tlog.merkle.MemoryTree;
import dev.verity.tlog.merkle.MerkleHash;
import dev.verity.tlog.merkle.ProofException;
import dev.verity.tlog.merkle.TreeProofs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Party's sealed site list, on its own side: the sites ordered by id, each with a fresh 32-byte
 * salt, as the leaves of an RFC 9162 Merkle tree (the escrow construction, docs/formats/escrow.md).
 * {@link #list()} is what goes into a commitment; {@link #open} reveals one site with its
 * inclusion proof, for one claim; the other sites and all salts stay private. The leaf is
 * {@code str("verity/ceasefire/site/v1") || str(id) || str(category) || str(name) ||
 * u64(round(lat × 10^7)) || u64(round(lon × 10^7)) || salt}; coordinates as integers so that every
 * implementation hashes the same bytes.
 */
public final class SealedSites {
  public static final int SALT_BYTES = 32;
  static final String DOMAIN = "verity/ceasefire/site/v1";

  private final List<ProtectedSite> sites;
  private final Map<String, Integer> index = new HashMap<>();
  private final List<byte[]> salts;
  private final MemoryTree tree = new MemoryTree();

  private SealedSites(List<ProtectedSite> sites, List<byte[]> salts) {
    this.sites = sites;
    this.salts = salts;
    for (int i = 0; i < sites.size(); i++) {
      if (index.put(sites.get(i).id(), i) != null) {
        throw new IllegalArgumentException("site id '" + sites.get(i).id() + "' twice");
      }
      tree.appendLeafHash(leafHash(sites.get(i), salts.get(i)));
    }
  }

  /** Seals {@code sites} with a fresh salt each. */
  public static SealedSites seal(List<ProtectedSite> sites, SecureRandom random) {
    List<ProtectedSite> sorted = new ArrayList<>(sites);
    sorted.sort((a, b) -> Canonical.UTF8_ORDER.compare(a.id(), b.id()));
    List<byte[]> salts = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      byte[] salt = new byte[SALT_BYTES];
      random.nextBytes(salt);
      salts.add(salt);
    }
    return new SealedSites(sorted, salts);
  }

  /** The published part: root and size. */
  public SealedSiteList list() {
    return new SealedSiteList(tree.root().hex(), tree.size());
  }

  /** Opens site {@code id}: the site, its salt and its inclusion proof. */
  public SiteOpening open(String id) {
    Integer i = index.get(id);
    if (i == null) {
      throw new IllegalArgumentException("no site '" + id + "' on this list");
    }
    try {
      InclusionProof p = TreeProofs.inclusion(tree, i, tree.size());
      List<String> path = p.path().stream().map(Hash::hex).toList();
      return new SiteOpening(sites.get(i), Canonical.hex(salts.get(i)), i, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Null when {@code o} opens {@code list}, else why not, in words. */
  public static String problem(SealedSiteList list, SiteOpening o) {
    byte[] salt = Canonical.unhex(o.salt());
    if (list == null || list.root() == null) {
      return "there is no sealed list to open";
    }
    if (salt == null || salt.length != SALT_BYTES || o.site() == null || o.site().id() == null) {
      return "an opening needs a site with an id and a " + SALT_BYTES + "-byte hex salt";
    }
    if (o.site().location() == null) {
      return "the opened site needs a valid location";
    }
    try {
      List<Hash> path = new ArrayList<>();
      for (String h : o.proof()) {
        path.add(Hash.fromHex(h));
      }
      Hash root = Hash.fromHex(list.root());
      new InclusionProof(o.index(), list.size(), path).verify(leafHash(o.site(), salt), root);
      return null;
    } catch (ProofException | IllegalArgumentException e) {
      return "the site and salt do not open the sealed list (" + e.getMessage() + ")";
    }
  }

  static Hash leafHash(ProtectedSite s, byte[] salt) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Canonical.str(DOMAIN));
    out.writeBytes(Canonical.str(s.id()));
    out.writeBytes(Canonical.str(String.valueOf(s.category())));
    out.writeBytes(Canonical.str(s.name() == null ? "" : s.name()));
    out.writeBytes(Canonical.u64(Math.round(s.location().lat() * 1e7)));
    out.writeBytes(Canonical.u64(Math.round(s.location().lon() * 1e7)));
    out.writeBytes(salt);
    return MerkleHash.leaf(out.toByteArray());
  }
}
