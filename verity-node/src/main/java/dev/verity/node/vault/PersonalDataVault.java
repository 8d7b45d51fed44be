package dev.verity.node.vault;

import dev.verity.core.exchange.BlindingKey;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.Opening;
import dev.verity.core.exchange.PersonRecord;
import dev.verity.core.exchange.PrivateList;
import dev.verity.node.vault.VaultContents.AuditLine;
import dev.verity.node.vault.VaultContents.ErasedEntry;
import dev.verity.node.vault.VaultContents.StoredList;
import dev.verity.node.vault.VaultContents.StoredPerson;
import dev.verity.node.vault.VaultException.Reason;
import dev.verity.tlog.merkle.Hash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owning Party's personal data for exchanges: the persons on its lists (GC III Art. 17
 * identity and each entry's salt) and its blinding keys. Nothing here is ever logged, served or
 * sent to a peer; the log holds only commitments (docs/formats/exchange.md, "The vault").
 *
 * <ul>
 *   <li><b>At rest</b>: one file, {@code persons.vault}, AES-256-GCM ({@link VaultCipher}) in a
 *       folder of mode 0700, the file 0600; the key in a separate file, outside that folder,
 *       0600 ({@link VaultKeys}).</li>
 *   <li><b>Purpose-bound, minimal</b>: a list is stored with the purposes it was collected for
 *       and a date its retention ends; every read names a {@link Purpose} and returns only the
 *       fields that purpose needs.</li>
 *   <li><b>Erasure</b>: of a person, of a list, or of everything past its retention. The vault
 *       is rewritten under a new key and the old key destroyed, so a copy of the old file is no
 *       longer readable with the key the node keeps. The log is untouched: its commitments
 *       still verify; the erased person can no longer be opened.</li>
 * </ul>
 */
public final class PersonalDataVault {
  /** The vault file's name inside the vault folder. */
  public static final String FILE = "persons.vault";
  private static final Logger LOG = LoggerFactory.getLogger(PersonalDataVault.class);
  private final Path file;
  private final SecureRandom random;
  private VaultKeys keys;
  private VaultContents contents;

  private PersonalDataVault(Path file, SecureRandom random, VaultKeys keys, VaultContents c) {
    this.file = file;
    this.random = random;
    this.keys = keys;
    this.contents = c;
  }

  /**
   * Opens (creating when absent) the vault in {@code dir} with the key in {@code keyFile}, which
   * must be outside {@code dir}.
   */
  public static PersonalDataVault open(Path dir, Path keyFile, SecureRandom random)
      throws VaultException {
    Path f = dir.resolve(FILE);
    try {
      SecretFiles.privateDirectory(dir);
    } catch (IOException e) {
      throw new VaultException(Reason.STORAGE, dir + ": " + e.getMessage(), e);
    }
    VaultKeys keys = VaultKeys.open(keyFile, dir, random);
    if (!Files.exists(f)) {
      return new PersonalDataVault(f, random, keys, VaultContents.empty());
    }
    try {
      SecretFiles.requireOwnerOnly(f);
      byte[] plain = VaultCipher.open(keys, Files.readAllBytes(f), f.toString());
      return new PersonalDataVault(f, random, keys, VaultContents.parse(plain));
    } catch (IOException e) {
      throw new VaultException(Reason.STORAGE, f + ": " + e.getMessage(), e);
    }
  }

  /** This Party's blinding key for {@code exchange}, made and kept on first use. */
  public synchronized BlindingKey blindingKey(String exchange) throws VaultException {
    String hex = contents.blindingKeys().get(exchange);
    if (hex != null) {
      return BlindingKey.of(HexFormat.of().parseHex(hex));
    }
    BlindingKey k = BlindingKey.generate(random);
    Map<String, String> m = new HashMap<>(contents.blindingKeys());
    m.put(exchange, HexFormat.of().formatHex(k.bytes()));
    save(new VaultContents(VaultContents.FORMAT, m, contents.lists(), contents.audit()));
    return k;
  }

  /**
   * Keeps {@code list}'s persons and salts for {@code purposes} (the Central Tracing Agency is
   * always one) until {@code retainUntil}. Call before appending its commitment to the log, so
   * that every commitment in the log can be opened.
   */
  public synchronized void store(PrivateList list, Set<Purpose> purposes, LocalDate retainUntil,
      Instant now) throws VaultException {
    ListCommitment c = list.commitment();
    if (find(c.root()).isPresent()) {
      return; // stored before: the same root is the same persons and salts
    }
    List<StoredPerson> persons = new ArrayList<>(c.count());
    for (int i = 0; i < c.count(); i++) {
      PersonRecord p = list.persons().get(i);
      persons.add(new StoredPerson(i, p.surname(), p.firstNames(), p.dateOfBirth().toString(),
          p.serviceNumber(), HexFormat.of().formatHex(list.salt(i))));
    }
    Set<String> labels = new TreeSet<>(List.of(Purpose.CENTRAL_TRACING_AGENCY.label()));
    purposes.forEach(p -> labels.add(p.label()));
    StoredList s = new StoredList(c.exchange(), c.party(), c.kind().label(), c.category(),
        c.root().hex(), c.count(), List.copyOf(labels), retainUntil.toString(), now.toString(),
        persons, List.of());
    List<StoredList> lists = new ArrayList<>(contents.lists());
    lists.add(s);
    save(with(lists, contents.audit()));
    LOG.info("vault: stored {} {} {} list of exchange {}: {} persons, root {}", c.party(),
        c.kind().label(), c.category(), c.exchange(), c.count(), c.root());
  }

  /**
   * Opens the entry {@code commitment} of {@code fromLog} (the list as in this Party's log) for
   * the ICRC or the mediator: record, salt and inclusion proof.
   */
  public synchronized Opening open(ListCommitment fromLog, Hash commitment, Purpose purpose,
      LocalDate today) throws VaultException {
    StoredList s = readable(fromLog.root(), purpose, today);
    int index = -1;
    for (int i = 0; i < fromLog.count(); i++) {
      index = fromLog.entries().get(i).commitment().equals(commitment) ? i : index;
    }
    final int at = index;
    Optional<ErasedEntry> erased = s.erased().stream().filter(x -> x.index() == at).findFirst();
    if (erased.isPresent()) {
      throw new VaultException(Reason.ERASED, "entry " + commitment + " was erased from the vault"
          + " on " + erased.get().at() + " (" + erased.get().reason() + "): it can no longer be"
          + " opened; the log keeps its commitment");
    }
    StoredPerson p = s.persons().stream().filter(x -> x.index() == at).findFirst()
        .orElseThrow(() -> new VaultException(Reason.NOT_FOUND, "entry " + commitment
            + " is not on this list in the vault"));
    return Opening.of(fromLog, at, person(p), HexFormat.of().parseHex(p.salt()));
  }

  /** Metadata of every stored list (no personal data). */
  public synchronized List<ListSummary> lists() {
    return contents.lists().stream().map(ListSummary::of).toList();
  }

  /**
   * Writes every person of {@code exchange} for the ICRC Central Tracing Agency
   * ({@link CtaExport}), and notes the export (when, to whom, how many; not who) in the vault.
   */
  public synchronized int exportForCentralTracingAgency(String exchange, Appendable out,
      String recipient, LocalDate today, Instant now) throws VaultException, IOException {
    List<StoredList> lists = contents.lists().stream()
        .filter(l -> l.exchange().equals(exchange) && !expired(l, today)).toList();
    int n = CtaExport.write(lists, out);
    audit(new AuditLine(now.toString(), "export", exchange, null, n, recipient, null));
    LOG.info("vault: exported {} persons of exchange {} for {}", n, exchange, recipient);
    return n;
  }

  /**
   * Erases the person of entry {@code commitment}, on whichever of the exchange's lists it is
   * (found by recomputing each stored person's commitment from record and salt: no log needed),
   * for {@code reason}; returns the list's summary after, or empty when no stored person has that
   * commitment. The entry is remembered as erased (index, time, reason), never who.
   */
  public synchronized Optional<ListSummary> erase(String exchange, Hash commitment,
      String reason, Instant now) throws VaultException {
    for (StoredList l : contents.lists()) {
      if (!l.exchange().equals(exchange)) {
        continue;
      }
      for (StoredPerson p : l.persons()) {
        if (commitmentHex(l, p).equals(commitment.hex())) {
          rewrite(now, "erase person", reason, x -> x != l ? x : erased(x, p.index(), now,
              reason));
          return find(Hash.fromHex(l.root())).map(ListSummary::of);
        }
      }
    }
    return Optional.empty();
  }

  /** Erases one person of {@code fromLog} (the list as in the log); returns how many went. */
  public synchronized int erase(Hash commitment, ListCommitment fromLog, Instant now)
      throws VaultException {
    return erase(fromLog.exchange(), commitment, "on request", now).isPresent() ? 1 : 0;
  }

  /** Erases a whole list for {@code reason}; returns how many persons went. */
  public synchronized int eraseList(Hash root, String reason, Instant now)
      throws VaultException {
    return rewrite(now, "erase list", reason, l -> l.root().equals(root.hex()) ? null : l);
  }

  /** Erases a whole list on request. */
  public synchronized int eraseList(Hash root, Instant now) throws VaultException {
    return eraseList(root, "on request", now);
  }

  /** Erases every list whose retention ended before {@code today}. */
  public synchronized int eraseExpired(LocalDate today, Instant now) throws VaultException {
    return rewrite(now, "erase at end of retention", "retention ended",
        l -> expired(l, today) ? null : l);
  }

  /**
   * When list {@code root} was erased, and why, from the audit trail (the list itself is gone);
   * empty when it never was.
   */
  public synchronized Optional<String> listErasure(Hash root) {
    return contents.audit().stream().filter(a -> root.hex().equals(a.root())
        && a.what().startsWith("erase") && !a.what().equals("erase person"))
        .map(a -> a.at() + " (" + a.reason() + ")").reduce((a, b) -> b);
  }

  /** The audit trail: every export and erasure, oldest first; no one is named. */
  public synchronized List<Audited> audit() {
    return contents.audit().stream().map(a -> new Audited(a.at(), a.what(), a.exchange(),
        a.root(), a.persons(), a.recipient(), a.reason())).toList();
  }

  /**
   * One line of the audit trail: when, what (export, erase person, erase list, erase at end of
   * retention), the exchange, the list's root (null for an export), how many persons, the
   * recipient of an export and the reason given for an erasure.
   */
  public record Audited(String at, String what, String exchange, String root, int persons,
      String recipient, String reason) {}

  private static StoredList erased(StoredList l, int index, Instant now, String reason) {
    List<ErasedEntry> e = new ArrayList<>(l.erased());
    e.add(new ErasedEntry(index, now.toString(), reason));
    return new StoredList(l.exchange(), l.party(), l.kind(), l.category(), l.root(), l.count(),
        l.purposes(), l.retainUntil(), l.storedAt(),
        l.persons().stream().filter(p -> p.index() != index).toList(), e);
  }

  private int rewrite(Instant now, String what, String reason,
      UnaryOperator<StoredList> change) throws VaultException {
    List<StoredList> kept = new ArrayList<>();
    List<AuditLine> audit = new ArrayList<>(contents.audit());
    int erased = 0;
    for (StoredList l : contents.lists()) {
      StoredList after = change.apply(l);
      int gone = l.persons().size() - (after == null ? 0 : after.persons().size());
      if (gone > 0 || after == null) {
        audit.add(new AuditLine(now.toString(), what, l.exchange(), l.root(), gone, null,
            reason));
      }
      erased += gone;
      if (after != null) {
        kept.add(after);
      }
    }
    if (erased > 0 || kept.size() < contents.lists().size()) {
      rotateAndSave(with(kept, audit));
      LOG.info("vault: {}: {} persons erased", what, erased);
    }
    return erased;
  }

  private StoredList readable(Hash root, Purpose purpose, LocalDate today)
      throws VaultException {
    Optional<String> gone = listErasure(root);
    if (gone.isPresent() && find(root).isEmpty()) {
      throw new VaultException(Reason.ERASED, "the list with root " + root + " was erased from"
          + " the vault on " + gone.get() + ": its entries can no longer be opened; the log"
          + " keeps their commitments");
    }
    StoredList s = find(root).orElseThrow(() -> new VaultException(Reason.NOT_FOUND,
        "no list with root " + root + " in the vault"));
    if (!s.purposes().contains(purpose.label())) {
      throw new VaultException(Reason.PURPOSE, "the list " + s.party() + " " + s.kind() + " "
          + s.category() + " was collected for " + String.join(", ", s.purposes())
          + ", not for " + purpose.label());
    }
    if (expired(s, today)) {
      throw new VaultException(Reason.NOT_FOUND, "the list's retention ended on "
          + s.retainUntil() + "; it is to be erased");
    }
    return s;
  }

  private Optional<StoredList> find(Hash root) {
    return contents.lists().stream().filter(l -> l.root().equals(root.hex())).findFirst();
  }

  private static boolean expired(StoredList l, LocalDate today) {
    return today.isAfter(LocalDate.parse(l.retainUntil()));
  }

  static String commitmentHex(StoredList l, StoredPerson p) {
    return person(p).commitment(l.category(), HexFormat.of().parseHex(p.salt())).hex();
  }

  static PersonRecord person(StoredPerson p) {
    return new PersonRecord(p.surname(), p.firstNames(), LocalDate.parse(p.dateOfBirth()),
        p.serviceNumber());
  }

  private VaultContents with(List<StoredList> lists, List<AuditLine> audit) {
    return new VaultContents(VaultContents.FORMAT, contents.blindingKeys(), lists, audit);
  }

  private void audit(AuditLine a) throws VaultException {
    List<AuditLine> audit = new ArrayList<>(contents.audit());
    audit.add(a);
    save(with(contents.lists(), audit));
  }

  private void save(VaultContents next) throws VaultException {
    try {
      SecretFiles.replace(file, VaultCipher.seal(keys.current(), next.json(), random));
      contents = next;
    } catch (IOException e) {
      throw new VaultException(Reason.STORAGE, file + ": " + e.getMessage(), e);
    }
  }

  /** Re-encrypts under a new key, then destroys the old one (crash-safe: see VaultKeys). */
  private void rotateAndSave(VaultContents next) throws VaultException {
    try {
      keys = keys.add(VaultKeys.fresh(random));
      save(next);
      keys = keys.retire();
    } catch (IOException e) {
      throw new VaultException(Reason.KEY_FILE, "cannot rotate the vault key: " + e.getMessage(),
          e);
    }
  }

  /** A stored list as the operator may see it: no personal data. */
  public record ListSummary(String exchange, String party, ListKind kind, String category,
      Hash root, int count, int persons, int erased, List<Purpose> purposes,
      LocalDate retainUntil) {
    static ListSummary of(StoredList l) {
      return new ListSummary(l.exchange(), l.party(), ListKind.ofLabel(l.kind()), l.category(),
          Hash.fromHex(l.root()), l.count(), l.persons().size(), l.erased().size(),
          l.purposes().stream().map(Purpose::ofLabel).toList(), LocalDate.parse(l.retainUntil()));
    }
  }
}
