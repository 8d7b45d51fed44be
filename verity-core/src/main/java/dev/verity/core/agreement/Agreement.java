package dev.verity.core.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verity.core.schema.Validation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An agreement definition: everything the engine knows about a treaty is here, as data. Built by
 * {@link AgreementLoader}, which also validates the cross references.
 *
 * @param endsOn the day the agreement ends (limits read {@code expired} from this day); null if
 *     open-ended
 * @param inspections null when the agreement provides for no inspections
 * @param declarationMode open (the full database is exchanged) or escrow (only a commitment and
 *     the aggregates are published; items are revealed selectively, docs/formats/escrow.md)
 * @param publishedFigures the table of officially published aggregates that applies to this
 *     agreement, one of {@link #PUBLISHED_TABLES}; null if none
 * @param protocols procedures declared as data, see {@link Protocol}
 * @param eventWindow how far ahead a notification's event may be dated ({@link EventWindow});
 *     {@link EventWindow#DEFAULT} when absent
 * @param lifecycle what the agreement says about its own life (withdrawal notice); absent: none
 */
public record Agreement(
    String id,
    String title,
    boolean hypothetical,
    LocalDate entryIntoForce,
    LocalDate endsOn,
    List<Party> parties,
    List<FacilityKind> facilityKinds,
    List<ItemKind> itemKinds,
    List<Aggregate> aggregates,
    List<Limit> limits,
    List<MessageType> messages,
    DataExchange dataExchange,
    InspectionQuota inspections,
    DeclarationMode declarationMode,
    String publishedFigures,
    List<Protocol> protocols,
    EventWindow eventWindow,
    LifecycleTerms lifecycle) {

  /** The sanity window on event times; the default when the file gives none. */
  public EventWindow eventWindow() {
    return eventWindow == null ? EventWindow.DEFAULT : eventWindow;
  }

  /**
   * The tables of officially published figures that ship with Verity (read by
   * {@code dev.verity.core.scenario.PublishedData}); named here so that the agreement, which
   * every other package uses, depends on none of them.
   */
  public static final Set<String> PUBLISHED_TABLES = Set.of("new-start-aggregates.csv");

  public List<FacilityKind> facilityKinds() {
    return facilityKinds == null ? List.of() : facilityKinds;
  }

  public List<ItemKind> itemKinds() {
    return itemKinds == null ? List.of() : itemKinds;
  }

  public List<Aggregate> aggregates() {
    return aggregates == null ? List.of() : aggregates;
  }

  public List<Limit> limits() {
    return limits == null ? List.of() : limits;
  }

  public List<MessageType> messages() {
    return messages == null ? List.of() : messages;
  }

  /** The procedures declared as data ({@code protocols:}), each folded by the protocol engine. */
  public List<Protocol> protocols() {
    return protocols == null ? List.of() : protocols;
  }

  /** The terms of the agreement's own life; {@link LifecycleTerms#NONE} when the file has none. */
  public LifecycleTerms lifecycle() {
    return lifecycle == null ? LifecycleTerms.NONE : lifecycle;
  }

  /** How declarations are published; {@link DeclarationMode#OPEN} unless the file says otherwise. */
  public DeclarationMode declarationMode() {
    return declarationMode == null ? DeclarationMode.OPEN : declarationMode;
  }

  public Optional<Party> party(String id) {
    return parties.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /** The Parties bound by the limits (not observers or mediators). */
  public List<Party> boundParties() {
    return parties.stream().filter(Party::bound).toList();
  }

  /** The ids of every participant (Parties and others): those a party or entry field may name. */
  public Set<String> participantIds() {
    return parties.stream().map(Party::id).collect(Collectors.toCollection(TreeSet::new));
  }

  /** Checks a message's fields against its type's schema (docs/formats/agreement.md). */
  public Validation validate(MessageType type, JsonNode fields) {
    return type.schema().validate(fields, participantIds());
  }

  public Optional<ItemKind> itemKind(String id) {
    return itemKinds.stream().filter(k -> k.id().equals(id)).findFirst();
  }

  public boolean hasFacilityKind(String id) {
    return facilityKinds.stream().anyMatch(k -> k.id().equals(id));
  }

  public Optional<MessageType> messageType(String id) {
    return messages.stream().filter(m -> m.id().equals(id)).findFirst();
  }

  public Optional<Aggregate> aggregate(String id) {
    return aggregates.stream().filter(a -> a.id().equals(id)).findFirst();
  }

  /** Whether the agreement is in force on {@code day}. */
  public boolean inForce(LocalDate day) {
    return !day.isBefore(entryIntoForce) && (endsOn == null || day.isBefore(endsOn));
  }

  /** The periodic data-exchange dates (as-of) from entry into force up to {@code through}. */
  public List<LocalDate> exchangeDates(LocalDate through) {
    List<LocalDate> out = new ArrayList<>();
    if (dataExchange == null) {
      return out;
    }
    out.add(entryIntoForce); // the initial database is as of entry into force
    // a periodic update falls only after the initial database was due (New START: the first
    // update was as of 1 Sep 2011, not 1 Mar 2011)
    LocalDate initialDue = entryIntoForce.plusDays(dataExchange.initialDueDaysAfterEntryIntoForce());
    for (int y = entryIntoForce.getYear(); y <= through.getYear(); y++) {
      for (String md : dataExchange.asOf()) {
        LocalDate d = LocalDate.parse(y + "-" + md);
        if (d.isAfter(initialDue) && !d.isAfter(through) && (endsOn == null || d.isBefore(endsOn))) {
          out.add(d);
        }
      }
    }
    out.sort(null);
    return out;
  }
}
