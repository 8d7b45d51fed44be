package dev.verity.node.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JDBC with less ceremony, for the SQL both stores share: a statement is bound from its values
 * (text, integers, bytes; null as a null text) and its rows are read by a function.
 */
final class Sql {
  private Sql() {}

  /** Work on a connection: a transaction's body, or a read. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** One row of a result, read into a value. */
  @FunctionalInterface
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** A whole result, read as the caller likes (e.g. stopping early). */
  @FunctionalInterface
  interface Result<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs an INSERT, UPDATE or DELETE; the number of rows it changed. */
  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      return p.executeUpdate();
    }
  }

  /** Runs {@code sql} once for each row of values, in one batch. */
  static void batch(Connection c, String sql, List<Object[]> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p = c.prepareStatement(sql)) {
      for (Object[] args : rows) {
        bind(p, args);
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  static <T> T query(Connection c, String sql, Result<T> result, Object... args)
      throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet rs = p.executeQuery()) {
        return result.read(rs);
      }
    }
  }

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    return query(c, sql, rs -> {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.read(rs));
      }
      return out;
    }, args);
  }

  static <T> Optional<T> first(Connection c, String sql, Row<T> row, Object... args)
      throws SQLException {
    return query(c, sql, rs -> rs.next() ? Optional.of(row.read(rs)) : Optional.<T>empty(), args);
  }

  /** The first column of the first row as a number; 0 if there is no row. */
  static long number(Connection c, String sql, Object... args) throws SQLException {
    return query(c, sql, rs -> rs.next() ? rs.getLong(1) : 0L, args);
  }

  static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        p.setNull(i + 1, Types.VARCHAR);
      } else if (a instanceof String s) {
        p.setString(i + 1, s);
      } else if (a instanceof Long l) {
        p.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        p.setInt(i + 1, n);
      } else if (a instanceof byte[] b) {
        p.setBytes(i + 1, b);
      } else {
        throw new IllegalArgumentException("no SQL type for " + a.getClass().getSimpleName());
      }
    }
  }
}
