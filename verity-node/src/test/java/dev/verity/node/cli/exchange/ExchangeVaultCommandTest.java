package dev.verity.node.cli.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.PersonRecord;
import dev.verity.core.exchange.SyntheticPersons;
import dev.verity.core.exchange.SyntheticPersons.Spelling;
import dev.verity.node.cli.VerityCommand;
import dev.verity.node.vault.ListImport;
import dev.verity.node.vault.PersonalDataVault;
import dev.verity.node.vault.Purpose;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verity exchange vault list|erase|audit} on a vault of two lists, one past its
 * retention: a person erased by commitment, the expired list, then a whole list; what is kept
 * and the audit trail with each reason; what cannot be erased is refused in plain words.
 */
class ExchangeVaultCommandTest {
  private static final String X = "ru-ua-2026-02-05";
  private static final SecureRandom RANDOM = new SecureRandom();
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = VerityCommand.newCommandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  private ListCommitment commit(String category, LocalDate retainUntil, long seed)
      throws Exception {
    List<PersonRecord> persons = SyntheticPersons.generate(157, 0, seed).persons().stream()
        .map(p -> p.in(Spelling.UA_LATIN_KMU_2010)).toList();
    StringBuilder s = new StringBuilder("surname,first_names,date_of_birth\n");
    persons.forEach(p -> s.append(p.surname()).append(',').append(p.firstNames()).append(',')
        .append(p.dateOfBirth()).append('\n'));
    Path csv = Files.writeString(dir.resolve(category + ".csv"), s);
    PersonalDataVault v = PersonalDataVault.open(dir.resolve("vault"), dir.resolve("vault.key"),
        RANDOM);
    return ListImport.commit(v, new ListImport.Request(csv, X, "UA", ListKind.HELD, category,
        Set.of(Purpose.EXCHANGE), retainUntil), LocalDate.of(2026, 2, 1), Instant.now(), RANDOM)
        .commitment();
  }

  @Test
  void erasesAPersonAListAndWhatIsPastRetentionAndAuditsEachWithItsReason() throws Exception {
    ListCommitment military = commit("military", LocalDate.now().plusYears(1), 1);
    ListCommitment civilian = commit("civilian", LocalDate.of(2025, 1, 1), 2);
    String d = dir.toString();
    Run list = run("exchange", "vault", "list", "--dir", d);
    assertThat(list.out()).contains(X + " UA held military: 157 of 157 persons kept, 0 erased")
        .contains(X + " UA held civilian: 157 of 157 persons kept, 0 erased, retained until"
            + " 2025-01-01 (ended: to be erased)");
    String c = military.entries().get(0).commitment().hex();
    Run person = run("exchange", "vault", "erase", "--dir", d, "--exchange", X,
        "--commitment", c, "--reason", "request of the family");
    assertThat(person.code()).as(person.err()).isZero();
    assertThat(person.out()).contains("erased the person of entry " + c + " from UA held"
        + " military of " + X + " (156 of 157 persons left): the entry can no longer be opened;"
        + " the log keeps its commitment");
    Run again = run("exchange", "vault", "erase", "--dir", d, "--exchange", X,
        "--commitment", c);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("--commitment: no person of " + X + " in the vault has"
        + " entry " + c);
    Run expired = run("exchange", "vault", "erase", "--dir", d, "--expired");
    assertThat(expired.out()).contains("erased 157 persons of lists past their retention");
    Run whole = run("exchange", "vault", "erase", "--dir", d, "--root",
        military.root().hex(), "--reason", "exchange completed");
    assertThat(whole.out()).contains("erased the list with root " + military.root()
        + ": 156 persons");
    Run twice = run("exchange", "vault", "erase", "--dir", d, "--root", civilian.root().hex());
    assertThat(twice.code()).isEqualTo(1);
    assertThat(twice.err()).contains("no list with root " + civilian.root() + " in the vault"
        + " (erased on ").contains("(retention ended))");
    assertThat(run("exchange", "vault", "erase", "--dir", d).code()).isEqualTo(2);
    assertThat(run("exchange", "vault", "list", "--dir", d).out()).isEmpty();
    List<String> audit = run("exchange", "vault", "audit", "--dir", d).out().lines().toList();
    assertThat(audit).hasSize(3);
    assertThat(audit.get(0)).contains("erase person " + X + " list " + military.root().hex()
        + ": 1 persons, reason: request of the family");
    assertThat(audit.get(1)).contains("erase at end of retention " + X + " list "
        + civilian.root().hex() + ": 157 persons, reason: retention ended");
    assertThat(audit.get(2)).contains("erase list").contains("156 persons, reason: exchange"
        + " completed");
    String all = String.join("\n", audit) + list.out() + person.out() + whole.out();
    assertThat(all).doesNotContain(SyntheticPersons.generate(157, 0, 1).persons().get(0)
        .in(Spelling.UA_LATIN_KMU_2010).surname());
  }
}
