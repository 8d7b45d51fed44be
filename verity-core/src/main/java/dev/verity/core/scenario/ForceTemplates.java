package dev.verity.core.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.verity.core.message.Facility;
import dev.verity.core.message.JsonProblems;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What each Party fields, for the scenario generator (forces.yaml): systems, bases and the shares
 * in which published aggregates are split among them.
 *
 * @param aggregates which of the agreement's aggregates are the deployed, warheads and launchers
 *     totals the generator must reproduce
 */
public record ForceTemplates(Roles aggregates, Map<String, PartyForces> parties) {

  public record Roles(String deployed, String warheads, String launchers) {}

  public record PartyForces(Facility storage, Facility repair, List<SystemTemplate> systems) {}

  /**
   * One weapon system. A missile system has {@code missileKind} and {@code launcherKind} (and a
   * {@code carrierKind} for SLBMs, with {@code tubesPerCarrier}); a bomber system has {@code
   * bomberKind}. Shares weigh the split of deployed and non-deployed totals; a {@code growable}
   * system may receive new launchers or bombers.
   */
  public record SystemTemplate(
      String id,
      String name,
      String missileKind,
      String launcherKind,
      String carrierKind,
      String carrierName,
      Integer tubesPerCarrier,
      Integer maxWarheads,
      String bomberKind,
      int deployedShare,
      int nonDeployedShare,
      Integer nonNuclear,
      Boolean growable,
      List<Facility> bases) {

    public boolean bomber() {
      return bomberKind != null;
    }

    public boolean carried() {
      return carrierKind != null;
    }

    public boolean canGrow() {
      return Boolean.TRUE.equals(growable);
    }
  }

  /** The templates that ship with Verity. */
  public static ForceTemplates bundled() throws ScenarioException {
    InputStream in = ForceTemplates.class.getResourceAsStream("forces.yaml");
    if (in == null) {
      throw new ScenarioException("forces.yaml: not on the class path");
    }
    return read("forces.yaml", new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  public static ForceTemplates read(String source, Reader r) throws ScenarioException {
    try {
      return new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(r, ForceTemplates.class);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(source + ": " + JsonProblems.describe(e));
    } catch (IOException e) {
      throw new ScenarioException(source + ": " + e.getMessage());
    }
  }
}
