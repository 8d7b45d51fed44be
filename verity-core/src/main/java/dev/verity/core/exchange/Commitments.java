package dev.verity.core.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.verity.tlog.merkle.Hash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The salted commitment to one person on one list (docs/formats/exchange.md): SHA-256 of the
 * domain "verity-exchange-person/v1", a zero byte, the 32-byte random salt and the canonical
 * record — JSON with members sorted by name ({@code category}, {@code dateOfBirth},
 * {@code firstNames}, {@code serviceNumber} when there is one, {@code surname}), no whitespace,
 * UTF-8; for these strings that is RFC 8785. The salt is secret and random, so the commitment
 * cannot be tested against candidate names (unlike a hash of the name alone, C9 of the domain
 * notes); revealing record and salt opens it.
 */
final class Commitments {
  static final int SALT_BYTES = 32;
  private static final byte[] DOMAIN =
      "verity-exchange-person/v1".getBytes(StandardCharsets.US_ASCII);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Commitments() {}

  static byte[] canonical(String category, PersonRecord p) {
    Map<String, String> m = new TreeMap<>();
    m.put("category", category);
    m.put("dateOfBirth", p.dateOfBirth().toString());
    m.put("firstNames", p.firstNames());
    if (p.serviceNumber() != null) {
      m.put("serviceNumber", p.serviceNumber());
    }
    m.put("surname", p.surname());
    try {
      return JSON.writeValueAsBytes(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Hash commitment(String category, PersonRecord p, byte[] salt) {
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("a salt is " + SALT_BYTES + " bytes, not " + salt.length);
    }
    MessageDigest sha = sha256();
    sha.update(DOMAIN);
    sha.update((byte) 0);
    sha.update(salt);
    return Hash.of(sha.digest(canonical(category, p)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
