package dev.verity.node.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.verity.core.exchange.ExchangeJson;
import dev.verity.core.exchange.ExchangeMessage.CommitList;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.ListEntry;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.NameFolding;
import dev.verity.core.exchange.Opening;
import dev.verity.core.exchange.PersonRecord;
import dev.verity.core.exchange.SyntheticPersons;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.node.vault.ListImport.Imported;
import dev.verity.node.vault.ListImport.Request;
import dev.verity.node.vault.VaultException.Reason;
import dev.verity.tlog.merkle.Hash;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vault keeps names only where they belong: a list of 157 committed from a CSV, then the
 * vault file, its key file, the log entry and everything the vault logged searched for every
 * name and date of birth; openings, purposes, retention, erasure and the export.
 */
class PersonalDataVaultTest {
  private static final String X = "ru-ua-2026-02-05";
  private static final LocalDate TODAY = LocalDate.of(2026, 2, 1);
  private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");
  private static final SecureRandom RANDOM = new SecureRandom();
  static {
    // the vault logs at info; the node's default level is warn. Set before the vault's logger
    // exists (no other test class loads the vault), so that the search covers what it logs.
    System.setProperty("org.slf4j.simpleLogger.log.dev.verity.node.vault", "info");
  }

  @TempDir Path tmp;
  private Path dir;
  private Path keyFile;
  private List<PersonRecord> persons;

  @BeforeEach
  void files() throws Exception {
    dir = tmp.resolve("vault");
    keyFile = tmp.resolve("keys").resolve("vault.key");
    Files.createDirectories(keyFile.getParent());
    persons = SyntheticPersons.generate(157, 0, 21).persons().stream()
        .map(p -> p.in(Spelling.UA_LATIN_KMU_2010)).toList();
  }

  private Path csv(List<PersonRecord> ps) throws Exception {
    StringBuilder s = new StringBuilder("surname,first_names,date_of_birth,service_number\n");
    for (PersonRecord p : ps) {
      s.append(p.surname()).append(',').append(p.firstNames()).append(',')
          .append(p.dateOfBirth().format(DateTimeFormatter.ofPattern("dd.MM.yyyy"))).append(',')
          .append(p.serviceNumber() == null ? "" : p.serviceNumber()).append('\n');
    }
    return Files.writeString(tmp.resolve("held.csv"), s);
  }

  private Imported commit(PersonalDataVault v, Set<Purpose> purposes)
      throws Exception {
    return ListImport.commit(v, new ListImport.Request(csv(persons), X, "UA", ListKind.HELD,
        "military", purposes, LocalDate.of(2027, 2, 5)), TODAY, NOW, RANDOM);
  }

  @Test
  void noNameOrDateOfBirthInTheVaultFileTheKeyTheLogEntryOrTheLogs() throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    ListCommitment c;
    try {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
      c = commit(v, Set.of(Purpose.EXCHANGE)).commitment();
      v.eraseList(Hash.fromHex("00".repeat(32)), NOW);
    } finally {
      System.setErr(err);
    }
    assertThat(c.count()).isEqualTo(157);
    String logText = logged.toString(StandardCharsets.UTF_8);
    assertThat(logText).contains("157 persons"); // the log was captured
    List<byte[]> haystacks = List.of(Files.readAllBytes(dir.resolve(PersonalDataVault.FILE)),
        Files.readAllBytes(keyFile), ExchangeJson.write(new CommitList(c)),
        logged.toByteArray());
    for (String needle : secrets(persons)) {
      byte[] n = needle.getBytes(StandardCharsets.UTF_8);
      for (byte[] h : haystacks) {
        assertThat(indexOf(h, n)).as(needle).isEqualTo(-1);
      }
    }
    // the search works: the CSV it came from has them all
    byte[] source = Files.readAllBytes(tmp.resolve("held.csv"));
    assertThat(secrets(persons).stream().filter(s -> indexOf(source,
        s.getBytes(StandardCharsets.UTF_8)) >= 0)).hasSizeGreaterThan(300);
  }

  private static Set<String> secrets(List<PersonRecord> ps) {
    Set<String> out = new HashSet<>();
    for (PersonRecord p : ps) {
      out.add(p.surname());
      out.add(p.firstNames().split(" ")[0]);
      out.add(NameFolding.foldSurname(p.surname()));
      out.add(p.dateOfBirth().toString());
      out.add(p.dateOfBirth().format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
    }
    out.removeIf(s -> s.length() < 4);
    return out;
  }

  private static int indexOf(byte[] h, byte[] n) {
    outer:
    for (int i = 0; i + n.length <= h.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (h[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Test
  void filesAreTheOwnersOnlyAndTheKeyIsKeptApart() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    commit(v, Set.of(Purpose.EXCHANGE));
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(mode(dir.resolve(PersonalDataVault.FILE))).isEqualTo("rw-------");
    assertThat(mode(keyFile)).isEqualTo("rw-------");
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()))
        .containsExactly(PersonalDataVault.FILE);
    assertThatThrownBy(() -> PersonalDataVault.open(tmp.resolve("v2"),
        tmp.resolve("v2").resolve("key"), RANDOM))
        .hasMessageContaining("kept apart from the vault")
        .extracting(e -> ((VaultException) e).reason()).isEqualTo(Reason.KEY_FILE);
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> PersonalDataVault.open(dir, keyFile, RANDOM))
        .hasMessageContaining("lets others in").hasMessageContaining("chmod 600");
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void anAlteredFileOrAnotherKeyIsRefused() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    commit(v, Set.of(Purpose.EXCHANGE));
    Path f = dir.resolve(PersonalDataVault.FILE);
    byte[] b = Files.readAllBytes(f);
    b[b.length / 2] ^= 1;
    Files.write(f, b);
    assertThatThrownBy(() -> PersonalDataVault.open(dir, keyFile, RANDOM))
        .hasMessageContaining("altered").extracting(e -> ((VaultException) e).reason())
        .isEqualTo(Reason.WRONG_KEY_OR_ALTERED);
    b[b.length / 2] ^= 1;
    Files.write(f, b);
    assertThat(PersonalDataVault.open(dir, keyFile, RANDOM).lists()).hasSize(1);
    assertThatThrownBy(() -> PersonalDataVault.open(dir, tmp.resolve("other.key"), RANDOM))
        .extracting(e -> ((VaultException) e).reason()).isEqualTo(Reason.WRONG_KEY_OR_ALTERED);
  }

  @Test
  void openingsAreForTheirPurposeOnlyAndVerifyAgainstTheLog() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    ListCommitment log = commit(v, Set.of(Purpose.EXCHANGE)).commitment();
    PersonalDataVault reopened = PersonalDataVault.open(dir, keyFile, RANDOM);
    for (ListEntry e : log.entries().subList(0, 5)) {
      Opening o = reopened.open(log, e.commitment(), Purpose.EXCHANGE, TODAY);
      assertThat(o.problem(log)).isEmpty();
      assertThat(o.blindedWith(reopened.blindingKey(X))).isTrue();
    }
    Files.delete(dir.resolve(PersonalDataVault.FILE));
    PersonalDataVault tracingOnly = PersonalDataVault.open(dir, keyFile, RANDOM);
    ListCommitment other = commit(tracingOnly, Set.of()).commitment();
    assertThatThrownBy(() -> tracingOnly.open(other, other.entries().get(0).commitment(),
        Purpose.EXCHANGE, TODAY))
        .hasMessageContaining("collected for central-tracing-agency, not for exchange")
        .extracting(e -> ((VaultException) e).reason()).isEqualTo(Reason.PURPOSE);
  }

  @Test
  void erasureLeavesTheLogIntactAndTheOldFileUnreadable() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    ListCommitment log = commit(v, Set.of(Purpose.EXCHANGE)).commitment();
    byte[] before = Files.readAllBytes(dir.resolve(PersonalDataVault.FILE));
    ListEntry gone = log.entries().get(7);
    assertThat(v.erase(gone.commitment(), log, NOW)).isEqualTo(1);
    assertThat(log.rootMatches()).isTrue(); // the log's commitment is untouched
    assertThatThrownBy(() -> v.open(log, gone.commitment(), Purpose.EXCHANGE, TODAY))
        .hasMessageContaining("was erased from the vault on " + NOW + " (on request): it can"
            + " no longer be opened; the log keeps its commitment")
        .extracting(e -> ((VaultException) e).reason()).isEqualTo(Reason.ERASED);
    assertThat(v.open(log, log.entries().get(8).commitment(), Purpose.EXCHANGE, TODAY)
        .problem(log)).isEmpty();
    assertThat(v.lists().get(0).persons()).isEqualTo(156);
    VaultKeys keys = VaultKeys.open(keyFile, dir, RANDOM);
    assertThatThrownBy(() -> VaultCipher.open(keys, before, "old copy"))
        .hasMessageContaining("a key the key file does not hold");
    assertThat(Files.readAllLines(keyFile)).hasSize(1);
  }

  @Test
  void retentionEndsAndExpiredListsAreErased() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    ListCommitment log = commit(v, Set.of(Purpose.EXCHANGE)).commitment();
    LocalDate after = LocalDate.of(2027, 2, 6);
    assertThatThrownBy(() -> v.open(log, log.entries().get(0).commitment(), Purpose.EXCHANGE,
        after)).hasMessageContaining("retention ended on 2027-02-05");
    assertThat(v.eraseExpired(LocalDate.of(2027, 2, 5), NOW)).isZero();
    assertThat(v.eraseExpired(after, NOW)).isEqualTo(157);
    assertThat(PersonalDataVault.open(dir, keyFile, RANDOM).lists()).isEmpty();
  }

  @Test
  void theExportForTheCentralTracingAgencyChecksAgainstTheLog() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    ListCommitment log = commit(v, Set.of()).commitment();
    StringBuilder out = new StringBuilder();
    assertThat(v.exportForCentralTracingAgency(X, out, "ICRC CTA", TODAY, NOW)).isEqualTo(157);
    List<String> rows = out.toString().lines().toList();
    assertThat(rows.get(0)).isEqualTo(CtaExport.HEADER);
    assertThat(rows).hasSize(158);
    List<String> logged = new ArrayList<>();
    log.entries().forEach(e -> logged.add(e.commitment().hex()));
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",", -1);
      PersonRecord p = new PersonRecord(f[4], f[5], LocalDate.parse(f[6]), f[7]);
      String commitment = p.commitment(f[3], HexFormat.of().parseHex(f[9])).hex();
      assertThat(commitment).isEqualTo(f[8]);
      assertThat(logged.get(Integer.parseInt(f[10]))).isEqualTo(commitment);
      assertThat(f[11]).isEqualTo(log.root().hex());
    }
  }

  @Test
  void erasureIsAuditedWithItsReasonAndTheExportSkipsErasedRecords() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    ListCommitment log = commit(v, Set.of(Purpose.EXCHANGE)).commitment();
    Hash gone = log.entries().get(3).commitment();
    Instant later = NOW.plusSeconds(60);
    // found by its commitment alone (recomputed from record and salt): no log needed
    assertThat(v.erase(X, gone, "request of the person's family", later)).get()
        .satisfies(l -> assertThat(l.persons()).isEqualTo(156))
        .satisfies(l -> assertThat(l.erased()).isEqualTo(1));
    assertThat(v.erase(X, gone, "again", later)).isEmpty();
    PersonalDataVault reopened = PersonalDataVault.open(dir, keyFile, RANDOM);
    assertThatThrownBy(() -> reopened.open(log, gone, Purpose.EXCHANGE, TODAY))
        .hasMessageContaining("(request of the person's family)");
    StringBuilder out = new StringBuilder();
    assertThat(reopened.exportForCentralTracingAgency(X, out, "ICRC CTA", TODAY, later))
        .isEqualTo(156);
    assertThat(out.toString()).doesNotContain(gone.hex()).contains(log.entries().get(4)
        .commitment().hex());
    assertThat(reopened.eraseList(log.root(), "exchange completed", later)).isEqualTo(156);
    assertThatThrownBy(() -> reopened.open(log, log.entries().get(4).commitment(),
        Purpose.EXCHANGE, TODAY)).hasMessageContaining("the list with root " + log.root()
            + " was erased from the vault on " + later + " (exchange completed)")
        .extracting(e -> ((VaultException) e).reason()).isEqualTo(Reason.ERASED);
    StringBuilder none = new StringBuilder();
    assertThat(reopened.exportForCentralTracingAgency(X, none, "ICRC CTA", TODAY, later))
        .isZero();
    assertThat(PersonalDataVault.open(dir, keyFile, RANDOM).audit())
        .extracting(a -> a.what() + " " + a.persons() + " " + a.reason())
        .containsExactly("erase person 1 request of the person's family", "export 156 null",
            "erase list 156 exchange completed", "export 0 null");
    assertThat(log.rootMatches()).isTrue();
  }

  @Test
  void aBadListFileNamesLineAndFieldAndStoresNothing() throws Exception {
    PersonalDataVault v = PersonalDataVault.open(dir, keyFile, RANDOM);
    Path bad = Files.writeString(tmp.resolve("bad.csv"),
        "surname,first_names,date_of_birth\nШевченко,Олександр,1990-02-30\n,Іван,1990-01-01\n");
    Request r = new ListImport.Request(bad, X, "UA", ListKind.HELD, "military",
        Set.of(), LocalDate.of(2027, 1, 1));
    assertThatThrownBy(() -> ListImport.commit(v, r, TODAY, NOW, RANDOM))
        .hasMessageContaining("bad.csv: line 2, date_of_birth: '1990-02-30' is not a date")
        .hasMessageContaining("bad.csv: line 3, surname: empty")
        .extracting(e -> ((VaultException) e).reason()).isEqualTo(Reason.INPUT);
    Files.write(bad, new byte[] {'s', ',', (byte) 0xff, '\n'});
    assertThatThrownBy(() -> ListImport.commit(v, r, TODAY, NOW, RANDOM))
        .hasMessageContaining("not UTF-8 text");
    assertThat(v.lists()).isEmpty();
  }
}
