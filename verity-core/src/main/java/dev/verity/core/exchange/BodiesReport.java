package dev.verity.core.exchange;

import java.time.LocalDate;

/**
 * A Party's report on a repatriation of bodies (domain notes C6): the handing Party declares how
 * many it handed in a transfer ({@code bodies-declared}), the receiving Party says how many it
 * received, in one or several stages ({@code bodies-received}), and reports over the following
 * months how many it has identified, and how many turned out to be the other side's dead, to be
 * returned after DNA tests ({@code bodies-identified}). {@code party} is the reporting Party, the
 * sender of the step, never one of the message's fields.
 */
public sealed interface BodiesReport {
  String party();

  /** {@code party} declares it handed {@code bodies} to {@code to} in {@code transfer}. */
  record Declared(String party, String to, String transfer, LocalDate date, int bodies)
      implements BodiesReport {}

  /** {@code party} received {@code bodies} in {@code transfer} on {@code date}. */
  record Received(String party, String transfer, LocalDate date, int bodies)
      implements BodiesReport {}

  /**
   * By {@code asOf}, {@code party} has identified {@code identified} of the bodies it received
   * (cumulative), {@code otherSide} of them as the other Party's dead.
   */
  record Identified(String party, LocalDate asOf, int identified, int otherSide)
      implements BodiesReport {}
}
