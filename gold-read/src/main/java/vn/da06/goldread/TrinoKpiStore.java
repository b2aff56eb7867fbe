package vn.da06.goldread;

import static java.util.Objects.requireNonNull;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.warehouse.Tables;

/**
 * Gold read through Trino (trino-jdbc) into the same immutable {@link InMemoryGold} the Delta
 * Kernel store builds, so the pages and the API answer the same either way. Each load pins every
 * gold table to one Delta version ({@code SELECT * FROM t FOR VERSION AS OF n}, the latest version
 * from {@code "t$history"}), so a load never mixes versions even while a pipeline run commits; a
 * background poll of the histories loads again and swaps the reference whole when any table moved.
 *
 * <p>Trino serves timestamps with millisecond precision ({@code timestamp(3) with time zone});
 * Delta Kernel reads microseconds. Gold's only timestamp, daily_report_check.submitted_at, is shown
 * to the minute.
 */
public final class TrinoKpiStore implements KpiStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrinoKpiStore.class);
  private static final String CATALOG_SCHEMA = "delta." + Tables.GOLD;

  /** How to reach Trino: a JDBC URL (with its SSL parameters), a user and that user's password. */
  public record Login(String url, String user, String password) {
    public Login {
      requireNonNull(url, "url is null");
      requireNonNull(user, "user is null");
      requireNonNull(password, "password is null");
      if (!url.startsWith("jdbc:trino://")) {
        throw new IllegalArgumentException(
            "Cannot connect to Trino at '"
                + url
                + "': the URL starts with jdbc:trino:// (e.g. jdbc:trino://127.0.0.1:8443?SSL=true&SSLTrustStorePath=…)");
      }
    }

    Connection connect() throws SQLException {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      properties.setProperty("password", password);
      return DriverManager.getConnection(url, properties);
    }

    @Override
    public String toString() {
      return user + "@" + url; // never the password
    }
  }

  private final Login login;
  private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(null, null));
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "gold-poll-trino");
            thread.setDaemon(true);
            return thread;
          });

  private record Loaded(InMemoryGold gold, String problem) {}

  public TrinoKpiStore(Login login) {
    this.login = requireNonNull(login, "login is null");
  }

  /**
   * Loads now, then polls every {@code interval} for newer versions.
   *
   * @throws IllegalStateException when Trino cannot be reached or refuses the login
   */
  public TrinoKpiStore start(Duration interval) {
    refresh();
    poller.scheduleWithFixedDelay(
        this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public GoldData current() {
    Loaded now = loaded.get();
    if (now.gold() == null) {
      throw new WarehouseUnavailableException(
          now.problem() == null
              ? "Gold has not been read through Trino yet (" + login + ")"
              : now.problem());
    }
    return now.gold();
  }

  public Optional<DataVersion> version() {
    return Optional.ofNullable(loaded.get().gold()).map(InMemoryGold::version);
  }

  /**
   * Loads again when any gold table has a newer Delta version than the one served; returns whether
   * it did.
   *
   * @throws IllegalStateException when Trino cannot be reached or refuses the user; the message
   *     says why
   */
  public synchronized boolean refresh() {
    try (Connection connection = login.connect()) {
      Map<String, Long> latest = new LinkedHashMap<>();
      for (String table : Tables.GOLD_TABLES) {
        latestVersion(connection, table).ifPresent(version -> latest.put(table, version));
      }
      if (!latest.containsKey(Tables.WARD_MONTH_KPIS)) {
        loaded.set(
            new Loaded(
                null,
                "Trino ("
                    + login.url()
                    + ") has no table "
                    + CATALOG_SCHEMA
                    + "."
                    + Tables.WARD_MONTH_KPIS
                    + " yet (run ./da06 run, then ./da06 trino sync)"));
        return false;
      }
      InMemoryGold served = loaded.get().gold();
      if (served != null && served.version().tableVersions().equals(latest)) {
        return false;
      }
      long started = System.nanoTime();
      Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
      for (var entry : latest.entrySet()) {
        tables.put(
            entry.getKey(),
            read(
                connection,
                "SELECT * FROM "
                    + CATALOG_SCHEMA
                    + "."
                    + entry.getKey()
                    + " FOR VERSION AS OF "
                    + entry.getValue()));
      }
      long kpiVersion = latest.get(Tables.WARD_MONTH_KPIS);
      DataVersion version =
          new DataVersion(kpiVersion, committedAt(connection, kpiVersion), latest);
      if (tables.get(Tables.WARD_MONTH_KPIS).isEmpty()) {
        loaded.set(
            new Loaded(
                null,
                CATALOG_SCHEMA
                    + "."
                    + Tables.WARD_MONTH_KPIS
                    + " has no rows yet (run ./da06 run"
                    + " with feed files in the inbox, or ./da06 demo)"));
        return true;
      }
      loaded.set(new Loaded(InMemoryGold.fromTables(version, tables), null));
      LOG.info(
          "gold loaded through Trino ({}): version {} ({} ms, tables {})",
          login,
          kpiVersion,
          (System.nanoTime() - started) / 1_000_000,
          latest);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read gold through Trino ("
              + login
              + "): "
              + e.getMessage()
              + " (is it running? ./da06 trino status)",
          e);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      if (loaded.get().gold() == null) {
        loaded.set(new Loaded(null, e.getMessage()));
      }
      LOG.warn(
          "Cannot reload gold through Trino: {} (still serving the previous version)",
          e.getMessage());
    }
  }

  /** The latest Delta version of a gold table, or empty when Trino does not have the table. */
  private static Optional<Long> latestVersion(Connection connection, String table)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT max(version) FROM " + CATALOG_SCHEMA + ".\"" + table + "$history\"")) {
      result.next();
      long version = result.getLong(1);
      return result.wasNull() ? Optional.empty() : Optional.of(version);
    } catch (SQLException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static Instant committedAt(Connection connection, long version) throws SQLException {
    List<Map<String, Object>> rows =
        read(
            connection,
            "SELECT timestamp FROM "
                + CATALOG_SCHEMA
                + ".\""
                + Tables.WARD_MONTH_KPIS
                + "$history\" WHERE version = "
                + version);
    if (rows.isEmpty() || rows.get(0).get("timestamp") == null) {
      throw new SQLException(
          "version " + version + " of " + Tables.WARD_MONTH_KPIS + " has no commit time");
    }
    return (Instant) rows.get(0).get("timestamp");
  }

  /**
   * Runs a query and returns its rows as the Java values {@link DeltaTableReader} gives for the
   * same types.
   */
  static List<Map<String, Object>> read(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      ResultSetMetaData meta = result.getMetaData();
      int columns = meta.getColumnCount();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(meta.getColumnLabel(i), value(result, i, meta.getColumnType(i)));
        }
        rows.add(Collections.unmodifiableMap(row));
      }
      return rows;
    }
  }

  private static Object value(ResultSet result, int column, int type) throws SQLException {
    Object value = result.getObject(column);
    if (value == null) {
      return null;
    }
    return switch (type) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT ->
          ((Number) value).longValue();
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> ((Number) value).doubleValue();
      case Types.DATE -> result.getObject(column, LocalDate.class);
      case Types.TIMESTAMP_WITH_TIMEZONE -> instant(value, result, column);
      // timestamp_ntz: Delta Kernel gives the wall-clock value as if it were UTC
      case Types.TIMESTAMP ->
          result.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
      case Types.ARRAY -> list((Array) value);
      default -> value;
    };
  }

  private static Instant instant(Object value, ResultSet result, int column) throws SQLException {
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    } else if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    } else if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    } else if (value instanceof Instant instant) {
      return instant;
    }
    return result.getObject(column, ZonedDateTime.class).toInstant();
  }

  private static List<Object> list(Array array) throws SQLException {
    Object[] elements = (Object[]) array.getArray();
    List<Object> list = new ArrayList<>(elements.length);
    for (Object element : elements) {
      list.add(element == null ? null : element.toString());
    }
    return Collections.unmodifiableList(list);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
