package dev.verity.core.escrow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.verity.core.message.Item;
import dev.verity.tlog.merkle.Hash;
import dev.verity.tlog.merkle.MerkleHash;

/**
 * The canonical encoding of an item record and its salted leaf (docs/formats/escrow.md): JSON with
 * the members sorted by name, absent values omitted, no whitespace, UTF-8 (for the strings,
 * integers and booleans of an item this is RFC 8785); the leaf is that encoding followed by the
 * 32-byte salt, hashed as an RFC 9162 leaf.
 */
public final class ItemRecords {
  public static final int SALT_BYTES = 32;
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private ItemRecords() {}

  public static byte[] canonical(Item item) {
    try {
      return CANONICAL.writeValueAsBytes(item);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The leaf bytes: {@code canonical(item) || salt}. */
  public static byte[] leaf(Item item, byte[] salt) {
    byte[] c = canonical(item);
    byte[] out = new byte[c.length + salt.length];
    System.arraycopy(c, 0, out, 0, c.length);
    System.arraycopy(salt, 0, out, c.length, salt.length);
    return out;
  }

  /** The RFC 9162 leaf hash {@code SHA-256(0x00 || leaf)}. */
  public static Hash leafHash(Item item, byte[] salt) {
    return MerkleHash.leaf(leaf(item, salt));
  }
}
