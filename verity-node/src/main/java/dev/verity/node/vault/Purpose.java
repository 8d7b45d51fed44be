package dev.verity.node.vault;

/**
 * What personal data in the vault may be used for (purpose limitation: ICRC Rules on Personal
 * Data Protection, 2020; domain notes C8). Every read names one; the vault has no other read.
 */
public enum Purpose {
  /**
   * Matching the lists of an exchange and proving one listed person to the ICRC or the mediator
   * (an opening).
   */
  EXCHANGE("exchange"),
  /**
   * Reporting to the ICRC Central Tracing Agency (GC III Arts. 122-123). Always allowed: such
   * information "may not be withheld from the Central Agency" (GC IV Art. 137).
   */
  CENTRAL_TRACING_AGENCY("central-tracing-agency");

  private final String label;

  Purpose(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  static Purpose ofLabel(String label) {
    for (Purpose p : values()) {
      if (p.label.equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no purpose " + label);
  }
}
