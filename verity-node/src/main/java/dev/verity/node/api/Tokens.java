package dev.verity.node.api;

import dev.verity.node.store.NodeStore;
import dev.verity.node.store.Records.TokenRow;
import dev.verity.node.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Operator API tokens: 32 random bytes (base64url), shown once; only their SHA-256 is stored, so
 * a copy of the node's database does not let anyone in. Roles: {@code operator} may submit,
 * {@code viewer} may only read.
 */
public final class Tokens {
  public static final String OPERATOR = "operator";
  public static final String VIEWER = "viewer";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  /** Creates a token of {@code role}; returns the secret (never stored). */
  public static String create(NodeStore store, String name, String role, String actor) throws StoreException {
    if (!role.equals(OPERATOR) && !role.equals(VIEWER)) {
      throw new IllegalArgumentException("role: operator or viewer, not " + role);
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = "vt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    store.putToken(new TokenRow(hash(token), name, role, Instant.now()), actor);
    return token;
  }

  /** The token's row, if the presented secret is known. */
  public static Optional<TokenRow> check(NodeStore store, String token) throws StoreException {
    if (token == null || token.length() > 200) {
      return Optional.empty();
    }
    return store.token(hash(token));
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
