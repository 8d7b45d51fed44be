package dev.verity.core.ceasefire;

import java.util.List;

/**
 * What a participant saw or heard, with the fields of the OSCE SMM's reports (domain file §A1,
 * §A7): the time or period, the position with its control status, the means, the category and
 * its sub-assessment ("impact", "airburst", "undetermined"), the count, direction and distance
 * band, the weapon if assessed, the attribution claimed, context flags ("live-fire exercise
 * inside the security zone"), the protected-object category of a strike, and evidence hashes.
 * Categories, regions, contexts and protected-object categories are ids of the register's
 * {@link Vocabulary}. Filed by the monitor it is an observation; filed by a Party, a claim.
 *
 * @param commitment the commitment the observation is counted against
 * @param means how it was observed; null when the filer does not say (a logbook's totals)
 * @param direction where the event was, seen from the position; may be null
 * @param flight for projectiles in flight, from where to where; may be null
 * @param distance the distance band from the position; may be null
 * @param attributedTo the participant or actor the filer holds responsible; may be null
 * @param protectedObject for a strike on a protected object, its category; else null
 * @param evidence SHA-256 hashes (64 hex digits) of photographs, recordings, documents
 */
public record Observation(
    String commitment, Period period, Position position, Means means, String category,
    String assessment, Count count, Bearing direction, Flight flight, DistanceBand distance,
    String weapon, String attributedTo, String protectedObject, List<String> context,
    List<String> evidence) {

  public Observation {
    context = context == null ? List.of() : List.copyOf(context);
    evidence = evidence == null ? List.of() : List.copyOf(evidence);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** For projectiles in flight: "mostly from west to east". */
  public record Flight(Bearing from, Bearing to) {}

  /** A distance band in kilometres, "3-6km"; {@code fromKm} equal to {@code toKm} for one. */
  public record DistanceBand(double fromKm, double toKm) {
    /** Null when well formed, else what is wrong. */
    public String problem() {
      boolean ok = fromKm >= 0 && toKm >= fromKm && !Double.isInfinite(toKm);
      return ok ? null : "a distance band needs 0 <= fromKm <= toKm, not " + fromKm + "-" + toKm;
    }
  }

  /** Builds an observation field by field (what is not set is null or empty). */
  public static final class Builder {
    private String commitment;
    private Period period;
    private Position position;
    private Means means;
    private String category;
    private String assessment;
    private Count count;
    private Bearing direction;
    private Flight flight;
    private DistanceBand distance;
    private String weapon;
    private String attributedTo;
    private String protectedObject;
    private List<String> context = List.of();
    private List<String> evidence = List.of();

    private Builder() {}

    public Builder commitment(String v) {
      commitment = v;
      return this;
    }

    public Builder period(Period v) {
      period = v;
      return this;
    }

    public Builder position(Position v) {
      position = v;
      return this;
    }

    public Builder means(Means v) {
      means = v;
      return this;
    }

    /** The category and its sub-assessment (null when none). */
    public Builder category(String v, String assessed) {
      category = v;
      assessment = assessed;
      return this;
    }

    public Builder count(Count v) {
      count = v;
      return this;
    }

    public Builder direction(Bearing v, DistanceBand d) {
      direction = v;
      distance = d;
      return this;
    }

    public Builder flight(Flight v) {
      flight = v;
      return this;
    }

    public Builder weapon(String v) {
      weapon = v;
      return this;
    }

    public Builder attributedTo(String v) {
      attributedTo = v;
      return this;
    }

    public Builder protectedObject(String v) {
      protectedObject = v;
      return this;
    }

    public Builder context(List<String> v) {
      context = v;
      return this;
    }

    public Builder evidence(List<String> v) {
      evidence = v;
      return this;
    }

    public Observation build() {
      return new Observation(commitment, period, position, means, category, assessment, count,
          direction, flight, distance, weapon, attributedTo, protectedObject, context, evidence);
    }
  }
}
