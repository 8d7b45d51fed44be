package dev.verity.core.selection;

import dev.verity.core.selection.SelectionInputs.Candidate;
import dev.verity.core.selection.SelectionInputs.CheckpointRef;
import dev.verity.core.selection.SelectionInputs.Contribution;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The published, verifiable random selection of the site, missile and bombers to inspect
 * (docs/formats/selection.md): a commit-reveal exchange between the two Parties plus the latest
 * cosigned checkpoints of both logs give a seed, and the seed a deterministic stream from which the
 * candidates, sorted canonically, are sampled without bias. Neither Party alone can steer it: the
 * inspecting Party commits before it sees the other's secret; the inspected Party answers without
 * knowing the committed one.
 */
public final class SelectionProcedure {
  public static final String SEED_DOMAIN = "verity/selection/seed/v1";

  private SelectionProcedure() {}

  /** Checks both reveals against their commitments, then derives the selection. */
  public static Selection derive(SelectionInputs in) throws SelectionException {
    require(in.inspection() != null && !in.inspection().isEmpty(), "inspection: missing");
    byte[] a = reveal("inspecting", in.inspection(), in.inspecting(), true);
    byte[] b = reveal("inspected", in.inspection(), in.inspected(), false);
    require(!in.inspecting().party().equals(in.inspected().party()), "inspecting and inspected Party are the same");
    byte[] seed = seed(in, a, b);
    DrawStream s = new DrawStream(seed);
    List<String> sites = sorted("sites", in.sites());
    require(!sites.isEmpty(), "sites: no candidate site");
    String site = sites.get(s.below(sites.size()));
    List<String> missiles = atSite("missiles", in.missiles(), site);
    String missile = missiles.isEmpty() ? null : missiles.get(s.below(missiles.size()));
    require(in.bomberCount() >= 0, "bomberCount: must not be negative");
    List<String> bombers = s.sample(atSite("bombers", in.bombers(), site), in.bomberCount());
    return new Selection(in.inspection(), Canonical.hex(seed), site, missile, bombers);
  }

  /** The seed: SHA-256 over the domain, the inspection, both Parties and secrets, and the checkpoints sorted by Party. */
  public static byte[] seed(SelectionInputs in, byte[] inspectingSecret, byte[] inspectedSecret) throws SelectionException {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(Canonical.str(SEED_DOMAIN));
    o.writeBytes(Canonical.str(in.inspection()));
    o.writeBytes(Canonical.str(in.inspecting().party()));
    o.writeBytes(inspectingSecret);
    o.writeBytes(Canonical.str(in.inspected().party()));
    o.writeBytes(inspectedSecret);
    List<CheckpointRef> cps = new ArrayList<>(in.checkpoints());
    cps.sort((x, y) -> Canonical.UTF8_ORDER.compare(x.party(), y.party()));
    Set<String> parties = new HashSet<>();
    for (CheckpointRef c : cps) {
      require(c.party() != null && parties.add(c.party()), "checkpoints: missing or duplicate party " + c.party());
    }
    require(parties.contains(in.inspecting().party()) && parties.contains(in.inspected().party()),
        "checkpoints: need the latest cosigned checkpoint of both " + in.inspecting().party() + " and " + in.inspected().party());
    o.writeBytes(Canonical.u32(cps.size()));
    for (CheckpointRef c : cps) {
      require(c.origin() != null && !c.origin().isEmpty(), "checkpoints[" + c.party() + "].origin: missing");
      require(c.size() >= 0, "checkpoints[" + c.party() + "].size: must not be negative");
      byte[] root;
      try {
        root = c.rootHash() == null ? null : Base64.getDecoder().decode(c.rootHash());
      } catch (IllegalArgumentException e) {
        root = null;
      }
      require(root != null && root.length == 32, "checkpoints[" + c.party() + "].rootHash: not a base64 32-byte hash");
      o.writeBytes(Canonical.str(c.party()));
      o.writeBytes(Canonical.str(c.origin()));
      o.writeBytes(Canonical.u64(c.size()));
      o.writeBytes(root);
    }
    return Sha256.of(o.toByteArray());
  }

  private static byte[] reveal(String role, String inspection, Contribution c, boolean commitmentRequired) throws SelectionException {
    require(c != null && c.party() != null && !c.party().isEmpty(), role + ".party: missing");
    byte[] secret = Canonical.unhex(c.secret());
    if (secret == null || secret.length != SecretCommitment.SECRET_BYTES) {
      throw new SelectionException(c.party(), role + ".secret: " + c.party() + "'s secret must be "
          + SecretCommitment.SECRET_BYTES + " bytes in hex");
    }
    if (c.commitment() == null) {
      require(!commitmentRequired, role + ".commitment: " + c.party() + " (the inspecting Party) must commit first");
      return secret;
    }
    byte[] commitment = Canonical.unhex(c.commitment());
    require(commitment != null && commitment.length == 32, role + ".commitment: not a 32-byte hex hash");
    if (!SecretCommitment.opens(c.party(), inspection, secret, commitment)) {
      throw new SelectionException(c.party(), c.party() + " revealed a secret that does not match its commitment "
          + c.commitment() + " for inspection " + inspection);
    }
    return secret;
  }

  private static List<String> sorted(String what, List<String> ids) throws SelectionException {
    List<String> out = new ArrayList<>(ids);
    for (String id : out) {
      require(id != null && !id.isEmpty(), what + ": empty identifier");
    }
    out.sort(Canonical.UTF8_ORDER);
    for (int i = 1; i < out.size(); i++) {
      require(!out.get(i).equals(out.get(i - 1)), what + ": duplicate " + out.get(i));
    }
    return out;
  }

  private static List<String> atSite(String what, List<Candidate> cs, String site) throws SelectionException {
    List<String> ids = new ArrayList<>();
    Set<String> all = new HashSet<>();
    for (Candidate c : cs) {
      require(c.id() != null && !c.id().isEmpty(), what + ": empty identifier");
      require(all.add(c.id()), what + ": duplicate " + c.id());
      if (site.equals(c.site())) {
        ids.add(c.id());
      }
    }
    return sorted(what, ids);
  }

  private static void require(boolean ok, String message) throws SelectionException {
    if (!ok) {
      throw new SelectionException(null, message);
    }
  }
}
