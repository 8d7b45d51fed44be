package dev.verity.core.talks;

import java.util.List;

/**
 * A delegation as its side declares it from a given step on: the head and the members. Rosters
 * change between rounds and within one (Russia's head Kostyukov in Abu Dhabi, Medinsky in Geneva;
 * Hnatov and Skibitsky joined Ukraine's delegation on the second day of round 1 [b13][b15][b28]).
 * A delegation declares its own ({@code talks-roster}), in force from the step's time.
 */
public record DelegationRoster(String head, List<Member> members) implements Action {
  public DelegationRoster {
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** A member and the post in which they attend. */
  public record Member(String name, String post) {}
}
