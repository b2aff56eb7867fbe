package vn.da06.goldread;

import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBChunkedResult;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBPreparedStatement;
import org.duckdb.DuckDBReadableVector;

/**
 * Reads the Parquet files of a ward-month KPI table with DuckDB's vectorized reader (in process, no
 * server) into {@link KpiRow}s: the same rows {@link KpiRowLoader} builds from Delta Kernel's own
 * reader, ~10x faster. Delta Kernel still says which files are live and their partition values
 * ({@link DeltaTableReader#dataFiles}); a table whose files cannot be read on their own (deletion
 * vectors, column mapping) is not given to this class.
 */
public final class DuckDbKpiReader {
  private DuckDbKpiReader() {}

  /**
   * Loads DuckDB's native library on a thread of its own (at every start its driver unpacks the 61
   * MB library from its jar and links it), so that a first start does it while Delta Kernel lists
   * the files, not after.
   */
  static void loadInBackground() {
    Thread thread =
        new Thread(
            () -> {
              try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
                connection.isValid(1);
              } catch (SQLException | RuntimeException | LinkageError e) {
                // The first read reports it, with the table it was reading.
              }
            },
            "duckdb-load");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Where a column's values come from: a Parquet column, the file's partition values, or nowhere
   * (NULL).
   */
  private enum Source {
    PARQUET,
    PARTITION,
    ABSENT
  }

  static List<KpiRow> read(DeltaTableReader.DataFiles table, Path location) throws SQLException {
    if (!table.unsupported().isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot read "
              + location
              + " with DuckDB: the table uses "
              + table.unsupported().get()
              + " (read it with Delta Kernel)");
    }
    StructType schema = table.schema();
    List<String> partitions = table.partitionColumns();
    List<String> columns =
        new ArrayList<>(List.of("ward_code", "month", "province_code", "district_code"));
    columns.addAll(KpiRow.COUNT_COLUMNS);
    columns.addAll(KpiRow.RATE_COLUMNS);
    Source[] sources = new Source[columns.size()];
    List<String> selected = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (partitions.contains(column)) {
        sources[i] = Source.PARTITION;
      } else if (schema.indexOf(column) >= 0) {
        sources[i] = Source.PARQUET;
        selected.add(column);
      } else {
        sources[i] = Source.ABSENT;
      }
    }
    if (sources[0] == Source.ABSENT || sources[1] == Source.ABSENT) {
      throw new IllegalStateException(
          "Cannot read a ward-month KPI table: it has no ward_code or month column"
              + " (it is not the table of the warehouse contract)");
    }
    // Files with the same partition values are one group: one read_parquet each, the group's number
    // per row.
    Map<Map<String, String>, List<Path>> groups = new LinkedHashMap<>();
    for (DeltaTableReader.DataFile file : table.files()) {
      groups.computeIfAbsent(file.partitionValues(), k -> new ArrayList<>()).add(file.path());
    }
    List<KpiRow> rows = new ArrayList<>();
    if (groups.isEmpty()) {
      return rows;
    }
    List<Map<String, String>> groupValues = new ArrayList<>(groups.keySet());
    // The key columns read from Parquet (ward, province, district codes; month too when not a
    // partition) are
    // not fetched row by row: DuckDB's JDBC makes a Java String of every VARCHAR value, which cost
    // more than
    // all the numbers together (~0.5 s per column at 500k rows). The distinct key tuples (one per
    // ward, a few
    // thousand) are numbered in a temporary table, and each row carries its key's number instead.
    List<Integer> keyColumns = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      if (sources[k] == Source.PARQUET) {
        keyColumns.add(k);
      }
    }
    List<String> numbers =
        selected.stream()
            .filter(c -> keyColumns.stream().noneMatch(k -> columns.get(k).equals(c)))
            .toList();
    int[] numberIndex =
        new int[columns.size()]; // the result vector of each count/rate read from Parquet
    for (int i = 4; i < columns.size(); i++) {
      numberIndex[i] =
          sources[i] == Source.PARQUET ? numbers.indexOf(columns.get(i)) + 2 : -1; // 0 key, 1 group
    }
    List<String> keyNames = keyColumns.stream().map(columns::get).toList();
    String keyQuery =
        keyNames.isEmpty()
            ? null
            : "CREATE TEMP TABLE _keys AS SELECT (row_number() OVER ()) - 1 AS _key, *"
                + " FROM (SELECT DISTINCT "
                + quoted(keyNames)
                + " FROM ("
                + union(groups, groupValues, keyNames)
                + "))";
    String keyJoin =
        keyNames.stream()
            .map(c -> "d.\"" + c + "\" IS NOT DISTINCT FROM k.\"" + c + "\"")
            .reduce((a, b) -> a + " AND " + b)
            .orElse(null);
    // Counts as BIGINT and rates as DOUBLE whatever width the files use, so each vector is read one
    // way.
    String sql =
        "SELECT "
            + (keyNames.isEmpty() ? "0::BIGINT" : "k._key::BIGINT")
            + ", d._group::BIGINT"
            + numbers.stream()
                .map(
                    c ->
                        ", d.\""
                            + c
                            + "\"::"
                            + (KpiRow.RATE_COLUMNS.contains(c) ? "DOUBLE" : "BIGINT"))
                .reduce("", String::concat)
            + " FROM ("
            + union(groups, groupValues, selected)
            + ") d"
            + (keyNames.isEmpty() ? "" : " JOIN _keys k ON " + keyJoin);
    int countColumns = KpiRow.COUNT_COLUMNS.size();
    int rateColumns = KpiRow.RATE_COLUMNS.size();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads TO 2");
      statement.execute("SET memory_limit = '1GB'");
      List<String[]> keys = new ArrayList<>();
      if (keyQuery != null) {
        statement.execute(keyQuery);
        Map<String, String> strings = new HashMap<>();
        try (ResultSet result = statement.executeQuery("SELECT * FROM _keys ORDER BY _key")) {
          while (result.next()) {
            String[] key = new String[keyNames.size()];
            for (int k = 0; k < key.length; k++) {
              key[k] = shared(strings, result.getString(k + 2));
            }
            keys.add(key);
          }
        }
      }
      // DuckDB's chunk API: each vector is read in place, with no JDBC call and no object per
      // value.
      try (PreparedStatement prepared = connection.prepareStatement(sql);
          DuckDBChunkedResult result = prepared.unwrap(DuckDBPreparedStatement.class).query()) {
        while (result.nextChunk()) {
          DuckDBDataChunkReader chunk = result.chunk();
          int size = Math.toIntExact(chunk.rowCount());
          DuckDBReadableVector keyVector = chunk.vector(0);
          DuckDBReadableVector groupVector = chunk.vector(1);
          long[][] counts = new long[size][countColumns];
          long[] nulls = new long[size];
          double[][] rates = new double[size][rateColumns];
          for (int j = 0; j < countColumns; j++) {
            int c = 4 + j;
            DuckDBReadableVector vector =
                sources[c] == Source.PARQUET ? chunk.vector(numberIndex[c]) : null;
            for (int r = 0; r < size; r++) {
              String partitionValue =
                  sources[c] == Source.PARTITION
                      ? groupValues.get((int) groupVector.getLong(r)).get(columns.get(c))
                      : null;
              if (vector != null && !vector.isNull(r)) {
                counts[r][j] = vector.getLong(r);
              } else if (partitionValue != null) {
                counts[r][j] = Long.parseLong(partitionValue);
              } else {
                nulls[r] |= 1L << j; // the count stays 0
              }
            }
          }
          for (int j = 0; j < rateColumns; j++) {
            int c = 4 + countColumns + j;
            DuckDBReadableVector vector =
                sources[c] == Source.PARQUET ? chunk.vector(numberIndex[c]) : null;
            for (int r = 0; r < size; r++) {
              String partitionValue =
                  sources[c] == Source.PARTITION
                      ? groupValues.get((int) groupVector.getLong(r)).get(columns.get(c))
                      : null;
              if (vector != null && !vector.isNull(r)) {
                rates[r][j] = vector.getDouble(r);
              } else if (partitionValue != null) {
                rates[r][j] = Double.parseDouble(partitionValue);
              } else {
                rates[r][j] = Double.NaN;
              }
            }
          }
          for (int r = 0; r < size; r++) {
            String[] key = keys.isEmpty() ? null : keys.get((int) keyVector.getLong(r));
            Map<String, String> partition = groupValues.get((int) groupVector.getLong(r));
            String[] values = new String[4];
            for (int k = 0; k < 4; k++) {
              values[k] =
                  switch (sources[k]) {
                    case PARQUET -> key[keyColumns.indexOf(k)];
                    case PARTITION ->
                        partition.get(columns.get(k)); // one string per file group already
                    case ABSENT -> null;
                  };
            }
            if (values[0] == null || values[1] == null) {
              throw new IllegalStateException(
                  "Cannot read "
                      + location
                      + ": a row has no ward_code or month"
                      + " (gold must not have one; run the pipeline again)");
            }
            rows.add(
                new KpiRow(
                    values[0], values[1], values[2], values[3], counts[r], nulls[r], rates[r]));
          }
        }
      }
    }
    return rows;
  }

  /**
   * The number of rows of the table's live files (a table with deletion vectors is refused, as
   * above).
   */
  public static long countRows(DeltaTableReader.DataFiles table, Path location)
      throws SQLException {
    if (!table.unsupported().isEmpty()) {
      throw new IllegalArgumentException(
          "Cannot count the rows of "
              + location
              + " with DuckDB: the table uses "
              + table.unsupported().get());
    }
    if (table.files().isEmpty()) {
      return 0;
    }
    String sql =
        "SELECT count(*) FROM "
            + readParquet(table.files().stream().map(DeltaTableReader.DataFile::path).toList());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  /**
   * One {@code read_parquet} per file group, each row with its group's number ({@code _group}) and
   * {@code columns}.
   */
  private static String union(
      Map<Map<String, String>, List<Path>> groups,
      List<Map<String, String>> groupValues,
      List<String> columns) {
    StringBuilder sql = new StringBuilder();
    String select = columns.isEmpty() ? "" : ", " + quoted(columns);
    for (int g = 0; g < groupValues.size(); g++) {
      sql.append(g == 0 ? "" : " UNION ALL ")
          .append("SELECT ")
          .append(g)
          .append(" AS _group")
          .append(select)
          .append(" FROM ")
          .append(readParquet(groups.get(groupValues.get(g))));
    }
    return sql.toString();
  }

  /** DuckDB's {@code read_parquet} of these files, their columns matched by name. */
  static String readParquet(List<Path> files) {
    return "read_parquet(["
        + String.join(
            ", ", files.stream().map(f -> "'" + f.toString().replace("'", "''") + "'").toList())
        + "], union_by_name = true)";
  }

  private static String quoted(List<String> columns) {
    return String.join(", ", columns.stream().map(c -> "\"" + c + "\"").toList());
  }

  private static String shared(Map<String, String> strings, String value) {
    return value == null ? null : strings.computeIfAbsent(value, v -> v);
  }
}
