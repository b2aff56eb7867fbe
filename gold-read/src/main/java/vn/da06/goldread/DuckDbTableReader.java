package vn.da06.goldread;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a small gold table (the ward and service dimensions, target progress, ...) from the Parquet
 * files Delta Kernel lists, with DuckDB, into the same plain values {@link DeltaTableReader#read}
 * gives: what a start needs without loading Kernel's Parquet reader (seconds of class loading and
 * decoding for 14k wards). A table this cannot read the same way (deletion vectors, column mapping,
 * a type not listed here) is refused with the reason, and read with Delta Kernel instead.
 */
final class DuckDbTableReader {
  private DuckDbTableReader() {}

  /** Why these files cannot be read here, or empty when they can. */
  static Optional<String> unsupported(DeltaTableReader.DataFiles table) {
    if (table.unsupported().isPresent()) {
      return table.unsupported();
    }
    for (StructField field : table.schema().fields()) {
      DataType type = field.getDataType();
      boolean partition = table.partitionColumns().contains(field.getName());
      boolean supported =
          type instanceof StringType
              || type instanceof LongType
              || type instanceof IntegerType
              || type instanceof ShortType
              || (!partition
                  && (type instanceof DoubleType
                      || type instanceof FloatType
                      || type instanceof BooleanType
                      || type instanceof TimestampType
                      || type instanceof TimestampNTZType
                      || (type instanceof ArrayType array
                          && array.getElementType() instanceof StringType)))
              || type instanceof DateType;
      if (!supported) {
        return Optional.of(
            "column " + field.getName() + " of type " + type + (partition ? " (a partition)" : ""));
      }
    }
    return Optional.empty();
  }

  static List<Map<String, Object>> read(DeltaTableReader.DataFiles table, Path location)
      throws SQLException {
    Optional<String> unsupported = unsupported(table);
    if (unsupported.isPresent()) {
      throw new IllegalArgumentException(
          "Cannot read "
              + location
              + " with DuckDB: the table uses "
              + unsupported.get()
              + " (read it with Delta Kernel)");
    }
    StructType schema = table.schema();
    List<StructField> fields = schema.fields();
    List<Map<String, Object>> rows = new ArrayList<>();
    if (table.files().isEmpty()) {
      return rows;
    }
    // One SELECT per file, so that each row's partition values are its file's. A file without one
    // of the
    // table's columns fails the query (the caller then reads the table with Kernel).
    StringBuilder sql = new StringBuilder();
    for (int f = 0; f < table.files().size(); f++) {
      DeltaTableReader.DataFile file = table.files().get(f);
      sql.append(f == 0 ? "" : " UNION ALL ").append("SELECT ").append(f).append(" AS _file");
      for (StructField field : fields) {
        String name = "\"" + field.getName().replace("\"", "\"\"") + "\"";
        if (table.partitionColumns().contains(field.getName())) {
          sql.append(", NULL AS ").append(name); // taken from the file's partition values below
        } else if (field.getDataType() instanceof TimestampType
            || field.getDataType() instanceof TimestampNTZType) {
          sql.append(", epoch_us(")
              .append(name)
              .append(") AS ")
              .append(name); // Kernel's micros, as an Instant
        } else {
          sql.append(", ").append(name);
        }
      }
      sql.append(" FROM ").append(DuckDbKpiReader.readParquet(List.of(file.path())));
    }
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement()) {
      statement.execute("SET threads TO 1");
      try (ResultSet result = statement.executeQuery(sql.toString())) {
        while (result.next()) {
          Map<String, String> partition = table.files().get(result.getInt(1)).partitionValues();
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 0; i < fields.size(); i++) {
            StructField field = fields.get(i);
            row.put(
                field.getName(),
                table.partitionColumns().contains(field.getName())
                    ? partitionValue(partition.get(field.getName()), field.getDataType())
                    : value(result, i + 2, field.getDataType()));
          }
          rows.add(Collections.unmodifiableMap(row));
        }
      }
    }
    return rows;
  }

  /**
   * A partition value (Delta keeps them as strings; null for a NULL partition) as Kernel types it.
   */
  private static Object partitionValue(String value, DataType type) {
    if (value == null) {
      return null;
    } else if (type instanceof StringType) {
      return value;
    } else if (type instanceof DateType) {
      return LocalDate.parse(value);
    }
    return Long.parseLong(value); // LongType, IntegerType, ShortType: see unsupported()
  }

  private static Object value(ResultSet result, int index, DataType type) throws SQLException {
    Object value;
    if (type instanceof StringType) {
      value = result.getString(index);
    } else if (type instanceof LongType
        || type instanceof IntegerType
        || type instanceof ShortType
        || type instanceof TimestampType
        || type instanceof TimestampNTZType) {
      long number = result.getLong(index);
      value =
          result.wasNull()
              ? null
              : type instanceof TimestampType || type instanceof TimestampNTZType
                  ? Instant.ofEpochSecond(
                      Math.floorDiv(number, 1_000_000L), Math.floorMod(number, 1_000_000L) * 1000L)
                  : (Object) number;
    } else if (type instanceof DoubleType || type instanceof FloatType) {
      double number = result.getDouble(index);
      value = result.wasNull() ? null : number;
    } else if (type instanceof BooleanType) {
      boolean bool = result.getBoolean(index);
      value = result.wasNull() ? null : bool;
    } else if (type instanceof DateType) {
      value = result.getObject(index, LocalDate.class);
    } else { // an array of strings: see unsupported()
      Array array = result.getArray(index);
      value =
          array == null
              ? null
              : Collections.unmodifiableList(
                  new ArrayList<>(Arrays.asList((Object[]) array.getArray())));
    }
    return value;
  }
}
