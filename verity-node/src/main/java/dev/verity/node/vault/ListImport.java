package dev.verity.node.vault;

import dev.verity.core.exchange.ExchangeInputException;
import dev.verity.core.exchange.ListCommitment;
import dev.verity.core.exchange.ListKind;
import dev.verity.core.exchange.PersonListCsv;
import dev.verity.core.exchange.PrivateList;
import dev.verity.node.vault.VaultException.Reason;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * A list file committed (what {@code verity exchange list commit --csv FILE --category C} does):
 * the CSV read ({@link PersonListCsv}: every bad line and field named), the list committed under
 * the Party's blinding key for the exchange, the persons and salts kept in the vault; the
 * commitment returned, to be appended to the log.
 */
public final class ListImport {
  /** The largest list file read, in bytes. */
  public static final long MAX_FILE = 256L << 20;

  /** Which list a file is. */
  public record Request(Path csv, String exchange, String party, ListKind kind, String category,
      Set<Purpose> purposes, LocalDate retainUntil) {}

  /** The commitment to append, and the file's lines that share a match key (for the operator). */
  public record Imported(ListCommitment commitment, List<List<Integer>> namesakes) {}

  private ListImport() {}

  public static Imported commit(PersonalDataVault vault, Request r, LocalDate today,
      Instant now, SecureRandom random) throws VaultException {
    PersonListCsv.PersonList list = read(r.csv(), today);
    PrivateList p = PrivateList.build(r.exchange(), r.party(), r.kind(), r.category(),
        list.persons(), vault.blindingKey(r.exchange()), random);
    vault.store(p, r.purposes(), r.retainUntil(), now);
    return new Imported(p.commitment(), list.namesakes());
  }

  static PersonListCsv.PersonList read(Path csv, LocalDate today) throws VaultException {
    try {
      if (Files.size(csv) > MAX_FILE) {
        throw new VaultException(Reason.INPUT, csv + ": larger than " + (MAX_FILE >> 20) + " MiB");
      }
      try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
        return PersonListCsv.read(csv.toString(), in, today);
      }
    } catch (MalformedInputException e) {
      throw new VaultException(Reason.INPUT, csv + ": not UTF-8 text", e);
    } catch (ExchangeInputException e) {
      throw new VaultException(Reason.INPUT, e.getMessage(), e);
    } catch (IOException e) {
      throw new VaultException(Reason.INPUT, csv + ": cannot read: " + e.getMessage(), e);
    }
  }
}
