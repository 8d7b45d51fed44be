package dev.verity.core.exchange;

import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MemoryTree;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A list on its owner's side: the persons, a random salt each, and the owner's blinded match
 * values, from which {@link #commitment()} (what is published) and {@link #open} (one person
 * proven to the ICRC or the mediator) are made. Never published itself.
 */
public final class PrivateList {
  private final ListCommitment commitment;
  private final List<PersonRecord> persons; // in entry order
  private final List<byte[]> salts;
  private final MemoryTree tree;
  private final Map<Hash, Integer> index = new HashMap<>();

  private PrivateList(String exchange, String party, ListKind kind, String category,
      List<PersonRecord> persons, List<byte[]> salts, BlindingKey key) {
    List<Blinded> blinded = key.blindAll(exchange, persons.stream().map(MatchKey::of).toList());
    List<ListEntry> entries = IntStream.range(0, persons.size()).parallel()
        .mapToObj(i -> new ListEntry(
            Commitments.commitment(category, persons.get(i), salts.get(i)), blinded.get(i)))
        .toList();
    Integer[] order = IntStream.range(0, entries.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparing(i -> entries.get(i).commitment()));
    List<ListEntry> sorted = new ArrayList<>(entries.size());
    List<PersonRecord> p = new ArrayList<>(entries.size());
    List<byte[]> s = new ArrayList<>(entries.size());
    for (int i : order) {
      sorted.add(entries.get(i));
      p.add(persons.get(i));
      s.add(salts.get(i).clone());
    }
    this.commitment = ListCommitment.of(exchange, party, kind, category, sorted);
    this.persons = List.copyOf(p);
    this.salts = s;
    this.tree = ListCommitment.tree(sorted);
    for (int i = 0; i < sorted.size(); i++) {
      index.put(sorted.get(i).commitment(), i);
    }
  }

  /** Commits to {@code persons} with a fresh random salt each. */
  public static PrivateList build(String exchange, String party, ListKind kind, String category,
      List<PersonRecord> persons, BlindingKey key, SecureRandom random) {
    List<byte[]> salts = new ArrayList<>(persons.size());
    for (int i = 0; i < persons.size(); i++) {
      byte[] salt = new byte[Commitments.SALT_BYTES];
      random.nextBytes(salt);
      salts.add(salt);
    }
    return new PrivateList(exchange, party, kind, category, persons, salts, key);
  }

  /** Rebuilds a list from the persons and salts its owner kept (e.g. in its vault). */
  public static PrivateList restore(String exchange, String party, ListKind kind,
      String category, List<PersonRecord> persons, List<byte[]> salts, BlindingKey key) {
    if (persons.size() != salts.size()) {
      throw new IllegalArgumentException(persons.size() + " persons but " + salts.size()
          + " salts");
    }
    return new PrivateList(exchange, party, kind, category, persons, salts, key);
  }

  public ListCommitment commitment() {
    return commitment;
  }

  /** The persons, in entry order (the order of {@link ListCommitment#entries()}). */
  public List<PersonRecord> persons() {
    return persons;
  }

  /** The salt of entry {@code i}. */
  public byte[] salt(int i) {
    return salts.get(i).clone();
  }

  /** The entry index of {@code commitment}, or -1. */
  public int indexOf(Hash commitment) {
    return index.getOrDefault(commitment, -1);
  }

  /**
   * Groups of entries (two or more) whose persons share a match key: the same person entered
   * twice, or namesakes born the same day whom the match cannot tell apart.
   */
  public List<List<Integer>> namesakes() {
    Map<Blinded, List<Integer>> by = new HashMap<>();
    List<ListEntry> e = commitment.entries();
    for (int i = 0; i < e.size(); i++) {
      by.computeIfAbsent(e.get(i).blinded(), k -> new ArrayList<>()).add(i);
    }
    Collection<List<Integer>> groups = by.values();
    return groups.stream().filter(g -> g.size() > 1).sorted(Comparator.comparing(g -> g.get(0)))
        .toList();
  }

  /** Opens entry {@code i}: its record, salt and inclusion proof in the list's tree. */
  public Opening open(int i) {
    return Opening.of(commitment, tree, i, persons.get(i), salts.get(i));
  }
}
