package dev.verity.core.ceasefire;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.verity.core.selection.Canonical;
import dev.verity.core.selection.Sha256;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The terms of a ceasefire commitment. The 2025 energy moratorium failed first on its dates (Russia
 * said 18 March, Ukraine 25 March) and its object list (domain file §0, §A4), so both are terms:
 * an agreed UTC start and end, the scope, the protected-object categories, each Party's sealed
 * site list (a hash commitment only), and whether a Party may consider itself released after a
 * breach ("if violated by one party, the other... free from its obligations" [a36]) — which needs a
 * monitor's recorded determination, never a bare assertion. Every participant countersigns
 * {@link #termsHash()} before the commitment takes effect. Proposing it is sending these terms
 * ({@code ceasefire-commitment}, its id as the field {@code commitment}); the proposal is the
 * proposer's own countersignature.
 *
 * @param regions the regions it covers; empty for all
 * @param protectedObjects protected-object category ids it protects; empty for none
 * @param expiresAt the agreed end; null for an indefinite commitment (the July 2020 measures)
 * @param sealedSites each Party's sealed site list, by Party id
 */
public record Commitment(
    @JsonProperty("commitment") String id, String scope, List<String> regions,
    List<String> protectedObjects, Instant effectiveFrom, Instant expiresAt,
    boolean releaseOnBreach, Map<String, SealedSiteList> sealedSites) implements Action {

  static final String DOMAIN = "verity/ceasefire/commitment/v1";

  public Commitment {
    regions = regions == null ? List.of() : List.copyOf(regions);
    protectedObjects = protectedObjects == null ? List.of() : List.copyOf(protectedObjects);
    sealedSites = sealedSites == null ? Map.of() : Map.copyOf(sealedSites);
  }

  /**
   * SHA-256 (hex) of the terms: {@code str(domain) || str(id) || str(scope) || list(regions) ||
   * list(protectedObjects) || str(effectiveFrom) || str(expiresAt or "") || u32(release) ||
   * u32(n) || n × (str(party) || str(root) || u64(size))}, sites by Party id in UTF-8 order;
   * {@code str} is a 4-byte length and UTF-8, instants in ISO-8601 UTC.
   */
  public String termsHash() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Canonical.str(DOMAIN));
    out.writeBytes(Canonical.str(id));
    out.writeBytes(Canonical.str(scope == null ? "" : scope));
    list(out, regions);
    list(out, protectedObjects);
    out.writeBytes(Canonical.str(String.valueOf(effectiveFrom)));
    out.writeBytes(Canonical.str(expiresAt == null ? "" : expiresAt.toString()));
    out.writeBytes(Canonical.u32(releaseOnBreach ? 1 : 0));
    Map<String, SealedSiteList> sorted = new TreeMap<>(Canonical.UTF8_ORDER);
    sorted.putAll(sealedSites);
    out.writeBytes(Canonical.u32(sorted.size()));
    sorted.forEach((party, list) -> {
      out.writeBytes(Canonical.str(party));
      out.writeBytes(Canonical.str(String.valueOf(list.root())));
      out.writeBytes(Canonical.u64(list.size()));
    });
    return Canonical.hex(Sha256.of(out.toByteArray()));
  }

  /** Whether {@code t} lies within the agreed dates (start included, end excluded). */
  public boolean covers(Instant t) {
    return !t.isBefore(effectiveFrom) && (expiresAt == null || t.isBefore(expiresAt));
  }

  private static void list(ByteArrayOutputStream out, List<String> values) {
    out.writeBytes(Canonical.u32(values.size()));
    values.forEach(v -> out.writeBytes(Canonical.str(String.valueOf(v))));
  }
}
