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
import vn.da06.warehouse.Tables;

/**
 * Registers every Delta table of the warehouse ({@code <warehouse>/<layer>/<table>/_delta_log}) in Trino's
 * {@code delta} catalog, schema by layer. Idempotent: tables already registered are left alone, and Trino
 * reads the latest Delta version at each query, so a table needs registering only once.
 */
public final class TableSync {
  public static final List<String> LAYERS = List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  private final Connection connection;
  private final Path warehouse;

  /** What a sync did. */
  public record Result(List<String> registered, int alreadyRegistered) {
    public Result {
      registered = List.copyOf(registered);
    }
  }

  public TableSync(Connection connection, Path warehouse) {
    this.connection = connection;
    this.warehouse = warehouse;
  }

  public Result run() throws SQLException {
    Set<String> existing = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(
            "SELECT table_schema, table_name FROM delta.information_schema.tables")) {
      while (result.next()) {
        existing.add(result.getString(1) + "." + result.getString(2));
      }
    }
    List<String> registered = new ArrayList<>();
    int already = 0;
    for (String layer : LAYERS) {
      List<String> tables = tables(layer);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA IF NOT EXISTS delta." + layer + " WITH (location = 'local:///" + layer + "')");
        for (String table : tables) {
          if (existing.contains(layer + "." + table)) {
            already++;
            continue;
          }
          statement.execute("CALL delta.system.register_table(schema_name => '" + layer + "', table_name => '"
              + table + "', table_location => 'local:///" + layer + "/" + table + "')");
          registered.add(layer + "." + table);
        }
      }
    }
    return new Result(registered, already);
  }

  /** The Delta tables of one layer: folders with a _delta_log, under names Trino can hold. */
  List<String> tables(String layer) {
    Path dir = warehouse.resolve(layer);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(entry -> Files.isDirectory(entry.resolve("_delta_log")))
          .map(entry -> entry.getFileName().toString())
          .filter(name -> NAME.matcher(name).matches())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
