package vn.da06.goldread;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.warehouse.Tables;

/**
 * Builds the in-memory gold from the gold tables: the live files from Delta Kernel's log, decoded
 * by DuckDB (or by Delta Kernel's own reader where DuckDB cannot read them the same way), the two
 * ward-month tables side by side on the {@code tables} threads. At a first start it can read the
 * latest month of each ward-month table first and the months before it after ({@link #rest}).
 *
 * <p>A warehouse on another file system ({@code s3a://}) is read with Delta Kernel alone, through
 * Hadoop's S3A: DuckDB would need its httpfs extension, which is not in the registries this project
 * installs from. It is read whole (no latest month first).
 */
final class GoldLoader {
  private static final Logger LOG = LoggerFactory.getLogger(GoldLoader.class);

  /** Months partition the ward-month tables (the warehouse contract). */
  private static final String MONTH = "month";

  private final String warehouse;
  private final boolean remote;
  private final DeltaTableReader reader;
  private final ExecutorService tables;

  GoldLoader(String warehouse, DeltaTableReader reader, ExecutorService tables) {
    this.warehouse = warehouse;
    this.remote = DeltaTableReader.isRemote(warehouse);
    this.reader = reader;
    this.tables = tables;
  }

  /**
   * Gold as read at one version of every table: the small tables' rows, the ward-month rows read so
   * far and the gold built from them; {@link #whole()} unless the months before the latest of a
   * ward-month table are still to read.
   */
  record Read(
      DataVersion version,
      Map<String, List<Map<String, Object>>> tables,
      Map<String, List<KpiRow>> kpis,
      InMemoryGold gold,
      Map<String, KpiRead> firstReads,
      String timing) {

    boolean whole() {
      return firstReads.values().stream().allMatch(read -> read.rest().isEmpty());
    }

    /** Every month of each view (oldest first), from the tables' partitions. */
    Map<WardView, List<String>> months() {
      Map<WardView, List<String>> months = new EnumMap<>(WardView.class);
      firstReads.forEach((name, read) -> months.put(view(name), read.months()));
      return months;
    }

    /** The first month whose rows are all read, of each view ({@code ""}: every month). */
    Map<WardView, String> loadedFrom() {
      Map<WardView, String> loadedFrom = new EnumMap<>(WardView.class);
      firstReads.forEach((name, read) -> loadedFrom.put(view(name), read.loadedFrom()));
      return loadedFrom;
    }

    int rowsRead() {
      return firstReads.values().stream().mapToInt(read -> read.rows().size()).sum();
    }

    private static WardView view(String name) {
      return name.equals(Tables.WARD_MONTH_KPIS) ? WardView.AS_REPORTED : WardView.CURRENT;
    }
  }

  /**
   * A ward-month table as first read: its version, the rows read, every month it has (oldest
   * first), the first month whose rows are all read ({@code ""}: every month), and the files left
   * to read (none: all read).
   */
  record KpiRead(
      DeltaTableReader.TableVersion version,
      List<KpiRow> rows,
      List<String> months,
      String loadedFrom,
      Optional<DeltaTableReader.DataFiles> rest) {}

  /** Whether there is a gold table to read yet (the ward-month table's log). */
  boolean hasGold() {
    if (remote) {
      return reader.latestVersion(table(Tables.WARD_MONTH_KPIS)).isPresent();
    }
    return java.nio.file.Files.isDirectory(
        Path.of(table(Tables.WARD_MONTH_KPIS)).resolve("_delta_log"));
  }

  /** The latest Delta version of every gold table there is. */
  Map<String, Long> latestVersions() {
    Map<String, Long> latest = new LinkedHashMap<>();
    for (String name : Tables.GOLD_TABLES) {
      reader.latestVersion(table(name)).ifPresent(version -> latest.put(name, version));
    }
    return latest;
  }

  /**
   * Reads gold at the versions of {@code latest}; with {@code latestFirst}, a ward-month table
   * partitioned by month is read for its latest month only. Empty when gold.ward_month_kpis has no
   * rows.
   */
  Optional<Read> read(Map<String, Long> latest, boolean latestFirstAsked) {
    long started = System.nanoTime();
    boolean latestFirst = latestFirstAsked && !remote;
    if (latestFirst) {
      DuckDbKpiReader.loadInBackground();
    }
    Map<String, List<Map<String, Object>>> smallRows = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    DataVersion version = null;
    // The two big tables are read side by side (they dominate the load: a country is ~700,000
    // rows), and the small ones on this thread meanwhile.
    Map<String, CompletableFuture<KpiRead>> big = new LinkedHashMap<>();
    Map<String, DeltaTableReader.TableData> small = new LinkedHashMap<>();
    Map<String, KpiRead> firstReads = new LinkedHashMap<>();
    long bigRead;
    try {
      for (String name : latest.keySet()) {
        if (name.equals(Tables.WARD_MONTH_KPIS) || name.equals(Tables.WARD_MONTH_KPIS_CURRENT)) {
          big.put(name, CompletableFuture.supplyAsync(() -> readKpis(name, latestFirst), tables));
        }
      }
      for (String name : latest.keySet()) {
        if (!big.containsKey(name)) {
          small.put(name, readSmall(name));
        }
      }
      bigRead = System.nanoTime();
      for (Map.Entry<String, CompletableFuture<KpiRead>> entry : big.entrySet()) {
        firstReads.put(entry.getKey(), entry.getValue().join());
      }
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    for (String name : latest.keySet()) {
      KpiRead kpiRead = firstReads.get(name);
      DeltaTableReader.TableVersion read;
      if (kpiRead == null) {
        DeltaTableReader.TableData data = small.get(name);
        smallRows.put(name, data.rows());
        read = new DeltaTableReader.TableVersion(data.version(), data.committedAt());
      } else {
        read = kpiRead.version();
      }
      versions.put(name, read.version());
      if (name.equals(Tables.WARD_MONTH_KPIS)) {
        version = new DataVersion(read.version(), read.committedAt(), Map.of());
      }
    }
    long smallRead = System.nanoTime();
    DataVersion full = new DataVersion(version.version(), version.updatedAt(), versions);
    if (firstReads.get(Tables.WARD_MONTH_KPIS).rows().isEmpty()) {
      return Optional.empty();
    }
    // In order once here: the snapshot keeps this order, so a snapshot start's sort finds it
    // sorted.
    Map<String, List<KpiRow>> kpis = new LinkedHashMap<>();
    firstReads.forEach((name, read) -> kpis.put(name, InMemoryGold.inOrder(read.rows())));
    InMemoryGold gold = build(full, smallRows, kpis);
    long built = System.nanoTime();
    String timing =
        String.format(
            "%d ms: other tables read after %d ms, ward-month tables after %d ms, indexes %d ms",
            (built - started) / 1_000_000,
            (bigRead - started) / 1_000_000,
            (smallRead - started) / 1_000_000,
            (built - smallRead) / 1_000_000);
    return Optional.of(new Read(full, smallRows, kpis, gold, firstReads, timing));
  }

  /**
   * {@code first} made whole: the ward-month rows read first and the rest of their files, read side
   * by side.
   */
  Read rest(Read first) {
    Map<String, CompletableFuture<List<KpiRow>>> reads = new LinkedHashMap<>();
    first
        .firstReads()
        .forEach(
            (name, read) ->
                reads.put(name, CompletableFuture.supplyAsync(() -> withRest(name, read), tables)));
    Map<String, List<KpiRow>> all = new LinkedHashMap<>();
    try {
      reads.forEach((name, future) -> all.put(name, future.join()));
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
    Map<String, KpiRead> wholeReads = new LinkedHashMap<>();
    first
        .firstReads()
        .forEach(
            (name, read) ->
                wholeReads.put(
                    name,
                    new KpiRead(
                        read.version(), all.get(name), read.months(), "", Optional.empty())));
    return new Read(
        first.version(),
        first.tables(),
        all,
        build(first.version(), first.tables(), all),
        wholeReads,
        first.timing());
  }

  private List<KpiRow> withRest(String name, KpiRead read) {
    List<KpiRow> rows = new ArrayList<>(read.rows());
    if (read.rest().isPresent()) {
      long started = System.nanoTime();
      List<KpiRow> more = readKpiFiles(name, read.rest().get());
      LOG.info(
          "gold.{}: {} rows of the {} months before the latest read in {} ms",
          name,
          more.size(),
          read.months().size() - 1,
          (System.nanoTime() - started) / 1_000_000);
      rows.addAll(more);
    }
    return InMemoryGold.inOrder(rows);
  }

  private static InMemoryGold build(
      DataVersion version,
      Map<String, List<Map<String, Object>>> tables,
      Map<String, List<KpiRow>> kpis) {
    return InMemoryGold.fromTables(
        version,
        tables,
        kpis.get(Tables.WARD_MONTH_KPIS),
        kpis.getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
  }

  /**
   * A ward-month table's rows: the live files (Delta Kernel) decoded by DuckDB, or, when the table
   * uses what those files alone do not say (deletion vectors, column mapping), by Delta Kernel's
   * own reader. With {@code latestFirst}, a table partitioned by month is read for its latest month
   * only, and the rest is left for {@link #rest}.
   */
  private KpiRead readKpis(String name, boolean latestFirst) {
    long started = System.nanoTime();
    if (remote) {
      KpiRowLoader loader = new KpiRowLoader();
      DeltaTableReader.TableVersion version = reader.scan(table(name), loader);
      List<KpiRow> rows = loader.rows();
      LOG.info(
          "gold.{}: {} rows read with Delta Kernel from {} in {} ms",
          name,
          rows.size(),
          warehouse,
          (System.nanoTime() - started) / 1_000_000);
      return whole(version, rows);
    }
    Path location = Path.of(table(name));
    DeltaTableReader.DataFiles files = reader.dataFiles(location);
    if (files.unsupported().isPresent()) {
      LOG.warn(
          "gold.{} uses {}: reading it with Delta Kernel's Parquet reader, which is ~10x slower than DuckDB"
              + " (rewrite the table without them, e.g. REORG TABLE ... APPLY (PURGE), for a fast start)",
          name,
          files.unsupported().get());
      KpiRowLoader loader = new KpiRowLoader();
      DeltaTableReader.TableVersion version = reader.scan(location, loader);
      List<KpiRow> rows = loader.rows();
      LOG.info(
          "gold.{}: {} rows read with Delta Kernel in {} ms",
          name,
          rows.size(),
          (System.nanoTime() - started) / 1_000_000);
      return whole(version, rows);
    }
    TreeSet<String> months = new TreeSet<>();
    boolean byMonth = files.partitionColumns().contains(MONTH);
    for (DeltaTableReader.DataFile file : files.files()) {
      String month = file.partitionValues().get(MONTH);
      if (month == null) {
        byMonth = false;
      } else {
        months.add(month);
      }
    }
    if (latestFirst && byMonth && months.size() > 1) {
      String latest = months.last();
      List<DeltaTableReader.DataFile> first = new ArrayList<>();
      List<DeltaTableReader.DataFile> rest = new ArrayList<>();
      for (DeltaTableReader.DataFile file : files.files()) {
        (latest.equals(file.partitionValues().get(MONTH)) ? first : rest).add(file);
      }
      List<KpiRow> rows = readKpiFiles(name, withFiles(files, first));
      LOG.info(
          "gold.{}: {} rows of {} (the latest of {} months) read in {} ms",
          name,
          rows.size(),
          latest,
          months.size(),
          (System.nanoTime() - started) / 1_000_000);
      return new KpiRead(
          files.version(), rows, List.copyOf(months), latest, Optional.of(withFiles(files, rest)));
    }
    List<KpiRow> rows = readKpiFiles(name, files);
    LOG.info(
        "gold.{}: {} rows from {} files read with DuckDB in {} ms",
        name,
        rows.size(),
        files.files().size(),
        (System.nanoTime() - started) / 1_000_000);
    return whole(files.version(), rows);
  }

  private static KpiRead whole(DeltaTableReader.TableVersion version, List<KpiRow> rows) {
    List<String> months = rows.stream().map(KpiRow::month).distinct().sorted().toList();
    return new KpiRead(version, rows, months, "", Optional.empty());
  }

  private static DeltaTableReader.DataFiles withFiles(
      DeltaTableReader.DataFiles table, List<DeltaTableReader.DataFile> files) {
    return new DeltaTableReader.DataFiles(
        table.version(), table.schema(), table.partitionColumns(), files, table.unsupported());
  }

  /** The rows of {@code files} of a ward-month table, decoded by DuckDB. */
  private List<KpiRow> readKpiFiles(String name, DeltaTableReader.DataFiles files) {
    Path location = Path.of(table(name));
    try {
      return DuckDbKpiReader.read(files, location);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(
          "Cannot read gold."
              + name
              + " in "
              + location
              + " with DuckDB: "
              + e.getMessage()
              + " (check the table's Parquet files; the server keeps the previous data)",
          e);
    }
  }

  /**
   * A small table's rows: its live files (Delta Kernel's log) decoded by DuckDB, as for the
   * ward-month tables, or by Delta Kernel's own reader when DuckDB cannot read them the same way.
   */
  private DeltaTableReader.TableData readSmall(String name) {
    if (remote) {
      return reader.read(table(name));
    }
    Path location = Path.of(table(name));
    long started = System.nanoTime();
    DeltaTableReader.DataFiles files = reader.dataFiles(location);
    Optional<String> unsupported = DuckDbTableReader.unsupported(files);
    if (unsupported.isEmpty()) {
      try {
        List<Map<String, Object>> rows = DuckDbTableReader.read(files, location);
        LOG.info(
            "gold.{}: {} rows from {} files read with DuckDB in {} ms",
            name,
            rows.size(),
            files.files().size(),
            (System.nanoTime() - started) / 1_000_000);
        return new DeltaTableReader.TableData(
            files.version().version(), files.version().committedAt(), rows);
      } catch (java.sql.SQLException e) {
        unsupported = Optional.of("files DuckDB cannot read: " + e.getMessage());
      }
    }
    LOG.info(
        "gold.{}: reading it with Delta Kernel's Parquet reader ({})", name, unsupported.get());
    return reader.read(location);
  }

  private String table(String name) {
    return Tables.location(warehouse, Tables.GOLD, name);
  }
}
