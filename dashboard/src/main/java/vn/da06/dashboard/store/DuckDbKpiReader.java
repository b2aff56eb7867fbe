package vn.da06.dashboard.store;

import io.delta.kernel.types.StructType;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Parquet files of a ward-month KPI table with DuckDB's vectorized reader (in process, no server)
 * into {@link KpiRow}s: the same rows {@link KpiRowLoader} builds from Delta Kernel's own reader, ~10x
 * faster. Delta Kernel still says which files are live and their partition values
 * ({@link DeltaTableReader#dataFiles}); a table whose files cannot be read on their own (deletion vectors,
 * column mapping) is not given to this class.
 */
public final class DuckDbKpiReader {
  private DuckDbKpiReader() {}

  /** Where a column's values come from: a Parquet column, the file's partition values, or nowhere (NULL). */
  private enum Source { PARQUET, PARTITION, ABSENT }

  static List<KpiRow> read(DeltaTableReader.DataFiles table, Path location) throws SQLException {
    if (!table.unsupported().isEmpty()) {
      throw new IllegalArgumentException("Cannot read " + location + " with DuckDB: the table uses "
          + table.unsupported().get() + " (read it with Delta Kernel)");
    }
    StructType schema = table.schema();
    List<String> partitions = table.partitionColumns();
    List<String> columns = new ArrayList<>(List.of("ward_code", "month", "province_code", "district_code"));
    columns.addAll(KpiRow.COUNT_COLUMNS);
    columns.addAll(KpiRow.RATE_COLUMNS);
    Source[] sources = new Source[columns.size()];
    int[] resultIndex = new int[columns.size()];
    List<String> selected = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (partitions.contains(column)) {
        sources[i] = Source.PARTITION;
      } else if (schema.indexOf(column) >= 0) {
        sources[i] = Source.PARQUET;
        selected.add(column);
        resultIndex[i] = selected.size() + 1;  // column 1 is the file group
      } else {
        sources[i] = Source.ABSENT;
      }
    }
    if (sources[0] == Source.ABSENT || sources[1] == Source.ABSENT) {
      throw new IllegalStateException("Cannot read a ward-month KPI table: it has no ward_code or month column"
          + " (it is not the table of the warehouse contract)");
    }
    // Files with the same partition values are one group: one read_parquet each, the group's number per row.
    Map<Map<String, String>, List<Path>> groups = new LinkedHashMap<>();
    for (DeltaTableReader.DataFile file : table.files()) {
      groups.computeIfAbsent(file.partitionValues(), k -> new ArrayList<>()).add(file.path());
    }
    List<KpiRow> rows = new ArrayList<>();
    if (groups.isEmpty()) {
      return rows;
    }
    List<Map<String, String>> groupValues = new ArrayList<>(groups.keySet());
    StringBuilder sql = new StringBuilder();
    String select = selected.isEmpty() ? "" : ", " + String.join(", ", selected.stream().map(c -> "\"" + c + "\"").toList());
    for (int g = 0; g < groupValues.size(); g++) {
      sql.append(g == 0 ? "" : " UNION ALL ").append("SELECT ").append(g).append(" AS _group").append(select)
          .append(" FROM read_parquet([");
      List<Path> paths = groups.get(groupValues.get(g));
      for (int f = 0; f < paths.size(); f++) {
        sql.append(f == 0 ? "'" : ", '").append(paths.get(f).toString().replace("'", "''")).append("'");
      }
      sql.append("], union_by_name = true)");
    }
    Map<String, String> strings = new HashMap<>();
    int countColumns = KpiRow.COUNT_COLUMNS.size();
    int rateColumns = KpiRow.RATE_COLUMNS.size();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads TO 2");
      statement.execute("SET memory_limit = '1GB'");
      try (ResultSet result = statement.executeQuery(sql.toString())) {
        while (result.next()) {
          Map<String, String> partition = groupValues.get(result.getInt(1));
          String[] keys = new String[4];
          for (int k = 0; k < 4; k++) {
            String value = string(result, sources[k], resultIndex[k], partition, columns.get(k));
            // a partition value is one string per file group already
            keys[k] = sources[k] == Source.PARTITION ? value : shared(strings, value);
          }
          long[] counts = new long[countColumns];
          long nulls = 0;
          for (int j = 0; j < countColumns; j++) {
            int c = 4 + j;
            boolean isNull;
            if (sources[c] == Source.PARQUET) {
              counts[j] = result.getLong(resultIndex[c]);
              isNull = result.wasNull();
            } else if (sources[c] == Source.PARTITION && partition.get(columns.get(c)) != null) {
              counts[j] = Long.parseLong(partition.get(columns.get(c)));
              isNull = false;
            } else {
              isNull = true;
            }
            if (isNull) {
              counts[j] = 0;
              nulls |= 1L << j;
            }
          }
          double[] rates = new double[rateColumns];
          for (int j = 0; j < rateColumns; j++) {
            int c = 4 + countColumns + j;
            if (sources[c] == Source.PARQUET) {
              double value = result.getDouble(resultIndex[c]);
              rates[j] = result.wasNull() ? Double.NaN : value;
            } else if (sources[c] == Source.PARTITION && partition.get(columns.get(c)) != null) {
              rates[j] = Double.parseDouble(partition.get(columns.get(c)));
            } else {
              rates[j] = Double.NaN;
            }
          }
          if (keys[0] == null || keys[1] == null) {
            throw new IllegalStateException("Cannot read " + location + ": a row has no ward_code or month"
                + " (gold must not have one; run the pipeline again)");
          }
          rows.add(new KpiRow(keys[0], keys[1], keys[2], keys[3], counts, nulls, rates));
        }
      }
    }
    return rows;
  }

  /** The number of rows of the table's live files (a table with deletion vectors is refused, as above). */
  public static long countRows(DeltaTableReader.DataFiles table, Path location) throws SQLException {
    if (!table.unsupported().isEmpty()) {
      throw new IllegalArgumentException("Cannot count the rows of " + location + " with DuckDB: the table uses "
          + table.unsupported().get());
    }
    if (table.files().isEmpty()) {
      return 0;
    }
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM read_parquet([");
    for (int f = 0; f < table.files().size(); f++) {
      sql.append(f == 0 ? "'" : ", '").append(table.files().get(f).path().toString().replace("'", "''")).append("'");
    }
    sql.append("], union_by_name = true)");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql.toString())) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String string(ResultSet result, Source source, int index, Map<String, String> partition,
      String column) throws SQLException {
    return switch (source) {
      case PARQUET -> result.getString(index);
      case PARTITION -> partition.get(column);
      case ABSENT -> null;
    };
  }

  private static String shared(Map<String, String> strings, String value) {
    return value == null ? null : strings.computeIfAbsent(value, v -> v);
  }
}
