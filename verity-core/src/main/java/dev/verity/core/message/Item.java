package dev.verity.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One accountable item, by unique identifier. Which attributes apply depends on the category of
 * its kind: a missile may be in a {@code launcher} and carries {@code warheads} (reentry vehicles
 * emplaced); an SLBM launcher has a {@code carrier} (its submarine); a submarine may be {@code
 * launched}; a bomber has an {@code armament} ({@code nuclear} unless said otherwise). The status
 * (deployed, non-deployed, not counted) is never declared: the projection derives it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
    String id,
    String kind,
    String facility,
    String launcher,
    String carrier,
    Integer warheads,
    Boolean test,
    String armament,
    Boolean launched,
    Boolean converted) {

  public static Item of(String id, String kind, String facility) {
    return new Item(id, kind, facility, null, null, null, null, null, null, null);
  }

  // not named isX(): Jackson would merge such a method with the record component it shadows
  public boolean testFlag() {
    return Boolean.TRUE.equals(test);
  }

  public boolean convertedFlag() {
    return Boolean.TRUE.equals(converted);
  }

  public boolean nuclearArmed() {
    return armament == null || "nuclear".equals(armament);
  }

  public int warheadCount() {
    return warheads == null ? 0 : warheads;
  }

  public Item withFacility(String f) {
    return new Item(id, kind, f, launcher, carrier, warheads, test, armament, launched, converted);
  }

  public Item withLauncher(String l) {
    return new Item(id, kind, facility, l, carrier, warheads, test, armament, launched, converted);
  }

  public Item withCarrier(String c) {
    return new Item(id, kind, facility, launcher, c, warheads, test, armament, launched, converted);
  }

  public Item withWarheads(Integer w) {
    return new Item(id, kind, facility, launcher, carrier, w, test, armament, launched, converted);
  }

  public Item withTest(Boolean t) {
    return new Item(id, kind, facility, launcher, carrier, warheads, t, armament, launched, converted);
  }

  public Item withArmament(String a) {
    return new Item(id, kind, facility, launcher, carrier, warheads, test, a, launched, converted);
  }

  public Item withLaunched(Boolean l) {
    return new Item(id, kind, facility, launcher, carrier, warheads, test, armament, l, converted);
  }

  public Item withConverted(Boolean c) {
    return new Item(id, kind, facility, launcher, carrier, warheads, test, armament, launched, c);
  }
}
