package vn.da06.warehouse.trino;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;

/**
 * Registers every Delta table of the warehouse ({@code <warehouse>/<layer>/<table>/_delta_log}) in
 * Trino's {@code delta} catalog, schema by layer. Idempotent: tables already registered are left
 * alone, and Trino reads the latest Delta version at each query, so a table needs registering only
 * once.
 *
 * <p>A local warehouse is listed folder by folder. An HDFS or S3 warehouse cannot be listed from
 * here, so the tables the contract names (each feed in bronze and silver, {@link
 * Tables#GOLD_TABLES}, {@link Tables#OPS_TABLES}) are registered at their locations; one Trino
 * cannot find is reported as missing.
 */
public final class TableSync {
  public static final List<String> LAYERS =
      List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final Connection connection;
  private final WarehouseLocation warehouse;

  /** What a sync did. */
  public record Result(List<String> registered, int alreadyRegistered, List<String> missing) {
    public Result {
      registered = List.copyOf(registered);
      missing = List.copyOf(missing);
    }

    public Result(List<String> registered, int alreadyRegistered) {
      this(registered, alreadyRegistered, List.of());
    }
  }

  public TableSync(Connection connection, WarehouseLocation warehouse) {
    this.connection = connection;
    this.warehouse = warehouse;
  }

  public TableSync(Connection connection, Path warehouse) {
    this(connection, WarehouseLocation.local(warehouse));
  }

  /** The statement that creates a layer's schema at its location. */
  public static String createSchemaStatement(WarehouseLocation warehouse, String layer) {
    return "CREATE SCHEMA IF NOT EXISTS delta."
        + name(layer)
        + " WITH (location = '"
        + quote(warehouse.schemaLocation(layer))
        + "')";
  }

  /** The statement that registers one Delta table at its location. */
  public static String registerStatement(WarehouseLocation warehouse, String layer, String table) {
    return "CALL delta.system.register_table(schema_name => '"
        + name(layer)
        + "', table_name => '"
        + name(table)
        + "', table_location => '"
        + quote(warehouse.tableLocation(layer, table))
        + "')";
  }

  private static String name(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Cannot register '"
              + name
              + "': Trino names here are lower-case"
              + " letters, digits and '_'");
    }
    return name;
  }

  private static String quote(String text) {
    return text.replace("'", "''");
  }

  public Result run() throws SQLException {
    Set<String> existing = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT table_schema, table_name FROM delta.information_schema.tables")) {
      while (result.next()) {
        existing.add(result.getString(1) + "." + result.getString(2));
      }
    }
    List<String> registered = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    int already = 0;
    for (String layer : LAYERS) {
      List<String> tables = tables(layer);
      try (Statement statement = connection.createStatement()) {
        statement.execute(createSchemaStatement(warehouse, layer));
        for (String table : tables) {
          if (existing.contains(layer + "." + table)) {
            already++;
            continue;
          }
          try {
            statement.execute(registerStatement(warehouse, layer, table));
            registered.add(layer + "." + table);
          } catch (SQLException e) {
            if (warehouse.isLocal()) {
              throw e;
            }
            missing.add(
                layer + "." + table); // a contract table not written (yet) at a remote location
          }
        }
      }
    }
    return new Result(registered, already, missing);
  }

  /**
   * The Delta tables of one layer: folders with a _delta_log (local), or the contract's tables
   * (remote).
   */
  List<String> tables(String layer) {
    if (!warehouse.isLocal()) {
      return contractTables(layer);
    }
    Path dir = warehouse.path().resolve(layer);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(entry -> Files.isDirectory(entry.resolve("_delta_log")))
          .map(entry -> entry.getFileName().toString())
          .filter(name -> NAME.matcher(name).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The tables the contracts name in a layer. */
  public static List<String> contractTables(String layer) {
    return switch (layer) {
      case Tables.BRONZE, Tables.SILVER ->
          java.util.Arrays.stream(Feed.values()).map(Feed::folder).toList();
      case Tables.GOLD -> Tables.GOLD_TABLES;
      case Tables.OPS -> Tables.OPS_TABLES;
      default ->
          throw new IllegalArgumentException(
              "Cannot list layer " + layer + ": not one of " + LAYERS);
    };
  }
}
