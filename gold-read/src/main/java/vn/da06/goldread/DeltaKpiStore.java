package vn.da06.goldread;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.warehouse.Tables;

/**
 * Gold read with Delta Kernel into one immutable {@link InMemoryGold}, held in an {@link
 * AtomicReference}. A background poll compares each gold table's latest Delta version with the
 * loaded one and, when any moved, loads all tables and swaps the reference: a request sees the old
 * or the new data, never a mix.
 */
public final class DeltaKpiStore implements KpiStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaKpiStore.class);

  private final Path warehouse;
  private final DeltaTableReader reader = new DeltaTableReader();
  private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(null, null));
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "gold-poll");
            thread.setDaemon(true);
            return thread;
          });

  /** What is served: the data, or why there is none. */
  private record Loaded(GoldData gold, String problem) {}

  private final Path snapshot;
  private volatile boolean fromSnapshot;
  private volatile java.util.concurrent.CompletableFuture<Void> snapshotWrite =
      java.util.concurrent.CompletableFuture.completedFuture(null);

  public DeltaKpiStore(Path warehouse) {
    this(warehouse, null);
  }

  /**
   * A store that starts from {@code snapshot} (a {@link GoldSnapshot} file) when it was written
   * from the tables' current Delta versions, and rewrites it after each load from the tables; null:
   * no snapshot.
   */
  public DeltaKpiStore(Path warehouse, Path snapshot) {
    this(
        warehouse,
        snapshot,
        runnable -> {
          Thread thread = new Thread(runnable, "gold-rest");
          thread.setDaemon(true);
          thread.start();
        });
  }

  /**
   * As above; {@code rest} runs the read of the months before the latest at a first start (tests
   * hold it).
   */
  DeltaKpiStore(Path warehouse, Path snapshot, java.util.concurrent.Executor rest) {
    this.warehouse = warehouse.toAbsolutePath().normalize();
    this.snapshot = snapshot == null ? null : snapshot.toAbsolutePath().normalize();
    this.rest = rest;
  }

  private final java.util.concurrent.Executor rest;

  /**
   * Whether the data served came from the snapshot file (true) or from the tables' Parquet files.
   */
  public boolean servedFromSnapshot() {
    return fromSnapshot;
  }

  /**
   * The last snapshot write started (done at once when none was); tests and the bench wait on it.
   * After a first start that served the latest month first, it is done once the whole gold is
   * served and its snapshot written.
   */
  public java.util.concurrent.CompletableFuture<Void> snapshotWritten() {
    return snapshotWrite;
  }

  /** The snapshot's contents, or empty (with a WARN when the file is there but unusable). */
  private Optional<GoldSnapshot.Contents> readSnapshot() {
    long started = System.nanoTime();
    try {
      GoldSnapshot.Contents contents = GoldSnapshot.read(snapshot);
      LOG.info(
          "gold snapshot {} read in {} ms", snapshot, (System.nanoTime() - started) / 1_000_000);
      return Optional.of(contents);
    } catch (GoldSnapshot.Unusable e) {
      LOG.warn(
          "Ignoring the gold snapshot: {} (reading the tables instead; the snapshot is rewritten after)",
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The gold of the snapshot when its key equals {@code latest}; empty otherwise. */
  private Optional<InMemoryGold> fromSnapshot(
      Optional<GoldSnapshot.Contents> snapshotRead, Map<String, Long> latest) {
    if (snapshotRead.isEmpty()) {
      return Optional.empty();
    }
    GoldSnapshot.Contents contents = snapshotRead.get();
    long started = System.nanoTime();
    if (!contents.warehouse().equals(warehouse.toString())
        || !contents.version().tableVersions().equals(latest)) {
      LOG.info(
          "gold snapshot {} is of {} versions {}, the tables are at {}: reading the tables",
          snapshot,
          contents.warehouse(),
          contents.version().tableVersions(),
          latest);
      return Optional.empty();
    }
    long read = started;
    InMemoryGold gold =
        InMemoryGold.fromTables(
            contents.version(),
            contents.tables(),
            contents.kpis().getOrDefault(Tables.WARD_MONTH_KPIS, List.of()),
            contents.kpis().getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
    long built = System.nanoTime();
    LOG.info(
        "gold loaded from snapshot {}: version {} (after the snapshot's read: indexes {} ms; tables {})",
        snapshot,
        contents.version().version(),
        (built - read) / 1_000_000,
        latest);
    return Optional.of(gold);
  }

  /**
   * The temporary files of snapshot writes a stopped server left behind, deleted (they are never
   * read).
   */
  private void removeSnapshotLeftovers() {
    if (snapshot == null) {
      return;
    }
    try {
      int removed = GoldSnapshot.removeLeftovers(snapshot);
      if (removed > 0) {
        LOG.info(
            "deleted {} unfinished gold snapshot file(s) next to {}, left by a server stopped while it wrote"
                + " one",
            removed,
            snapshot);
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn(
          "Cannot delete unfinished gold snapshot files next to {}: {} (delete {}*.tmp by hand)",
          snapshot,
          e.toString(),
          snapshot);
    }
  }

  private java.util.concurrent.CompletableFuture<Void> writeSnapshot(
      GoldSnapshot.Contents contents) {
    if (snapshot == null) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
    return snapshotWrite =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              long started = System.nanoTime();
              try {
                GoldSnapshot.write(snapshot, contents);
                LOG.info(
                    "gold snapshot written to {} ({} bytes, {} ms)",
                    snapshot,
                    Files.size(snapshot),
                    (System.nanoTime() - started) / 1_000_000);
              } catch (java.io.IOException | RuntimeException e) {
                LOG.warn(
                    "Cannot write the gold snapshot {}: {} (the next start reads the tables)",
                    snapshot,
                    e.toString());
              }
            },
            runnable -> {
              Thread thread = new Thread(runnable, "gold-snapshot");
              thread.setDaemon(true);
              thread.start();
            });
  }

  /** Loads now, then polls every {@code interval} for newer versions. */
  public DeltaKpiStore start(Duration interval) {
    removeSnapshotLeftovers();
    loaded.compareAndSet(
        loaded.get(),
        new Loaded(
            null,
            "The dashboard is loading gold from " + warehouse + " (try again in a few seconds)"));
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
          now.problem() == null ? problemText() : now.problem());
    }
    return now.gold();
  }

  /**
   * Loads again when any gold table has a newer version than the one served; returns whether it
   * did.
   */
  public synchronized boolean refresh() {
    Path kpiTable = table(Tables.WARD_MONTH_KPIS);
    if (!Files.isDirectory(kpiTable.resolve("_delta_log"))) {
      loaded.set(new Loaded(null, problemText()));
      return false;
    }
    // At the first load, the snapshot (if any) is read while Delta Kernel finds the latest
    // versions: both take
    // seconds, and the snapshot is only used when its key equals those versions.
    java.util.concurrent.CompletableFuture<Optional<GoldSnapshot.Contents>> snapshotRead =
        loaded.get().gold() == null && snapshot != null && Files.exists(snapshot)
            ? java.util.concurrent.CompletableFuture.supplyAsync(this::readSnapshot)
            : java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    Map<String, Long> latest = new LinkedHashMap<>();
    for (String name : Tables.GOLD_TABLES) {
      reader.latestVersion(table(name)).ifPresent(version -> latest.put(name, version));
    }
    GoldData served = loaded.get().gold();
    // A partial gold whose months before the latest could not be read is read again.
    if (served != null
        && served.version().tableVersions().equals(latest)
        && !(served instanceof PartialGold partial && partial.failed())) {
      return false;
    }
    if (served == null) {
      Optional<InMemoryGold> fromSnapshot = fromSnapshot(snapshotRead.join(), latest);
      if (fromSnapshot.isPresent()) {
        this.fromSnapshot = true;
        loaded.set(new Loaded(fromSnapshot.get(), null));
        precomputeInBackground(fromSnapshot.get());
        return true;
      }
    }
    return load(latest, served == null);
  }

  /**
   * Reads gold at the versions of {@code latest} and serves it. At a first start ({@code partial})
   * the latest month of each ward-month table is read first and served at once ({@link
   * PartialGold}); the months before it are read after, on a thread of their own, and the whole
   * gold replaces the partial one when they are in.
   */
  private boolean load(Map<String, Long> latest, boolean partial) {
    long started = System.nanoTime();
    if (partial) {
      DuckDbKpiReader.loadInBackground();
    }
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    DataVersion version = null;
    // The two big tables are read side by side (they dominate the load: a country is ~700,000
    // rows), and
    // the small ones on this thread meanwhile.
    Map<String, java.util.concurrent.CompletableFuture<KpiRead>> big = new LinkedHashMap<>();
    java.util.concurrent.ExecutorService loaders = Executors.newFixedThreadPool(2);
    Map<String, DeltaTableReader.TableData> small = new LinkedHashMap<>();
    Map<String, KpiRead> firstReads = new LinkedHashMap<>();
    long bigRead;
    try {
      for (String name : latest.keySet()) {
        if (name.equals(Tables.WARD_MONTH_KPIS) || name.equals(Tables.WARD_MONTH_KPIS_CURRENT)) {
          big.put(
              name,
              java.util.concurrent.CompletableFuture.supplyAsync(
                  () -> readKpis(name, partial), loaders));
        }
      }
      for (String name : latest.keySet()) {
        if (!big.containsKey(name)) {
          small.put(name, readSmall(name));
        }
      }
      bigRead = System.nanoTime();
      for (Map.Entry<String, java.util.concurrent.CompletableFuture<KpiRead>> entry :
          big.entrySet()) {
        firstReads.put(entry.getKey(), entry.getValue().join());
      }
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      loaders.shutdown();
    }
    for (String name : latest.keySet()) {
      KpiRead kpiRead = firstReads.get(name);
      DeltaTableReader.TableVersion read;
      if (kpiRead == null) {
        DeltaTableReader.TableData data = small.get(name);
        tables.put(name, data.rows());
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
      loaded.set(
          new Loaded(
              null,
              "gold.ward_month_kpis in "
                  + warehouse
                  + " has no rows yet (run ./da06 run --inbox"
                  + " <inbox> --warehouse "
                  + warehouse
                  + " with feed files in the inbox, or ./da06 demo)"));
      return true;
    }
    // In order once here: the snapshot keeps this order, so a snapshot start's sort finds it
    // sorted.
    Map<String, List<KpiRow>> kpis = new LinkedHashMap<>();
    firstReads.forEach((name, read) -> kpis.put(name, InMemoryGold.inOrder(read.rows())));
    InMemoryGold gold =
        InMemoryGold.fromTables(
            full,
            tables,
            kpis.get(Tables.WARD_MONTH_KPIS),
            kpis.getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
    long built = System.nanoTime();
    String timing =
        String.format(
            "%d ms: other tables read after %d ms, ward-month tables after %d ms, indexes %d ms",
            (built - started) / 1_000_000,
            (bigRead - started) / 1_000_000,
            (smallRead - started) / 1_000_000,
            (built - smallRead) / 1_000_000);
    if (firstReads.values().stream().allMatch(read -> read.rest().isEmpty())) {
      serveWhole(
          gold,
          tables,
          kpis,
          "gold loaded from "
              + warehouse
              + ": version "
              + full.version()
              + " ("
              + timing
              + "; tables "
              + versions
              + ")");
      return true;
    }
    // A first start: the latest month is served now, the months before it once read.
    Map<WardView, List<String>> months = new java.util.EnumMap<>(WardView.class);
    Map<WardView, String> loadedFrom = new java.util.EnumMap<>(WardView.class);
    firstReads.forEach(
        (name, read) -> {
          WardView view =
              name.equals(Tables.WARD_MONTH_KPIS) ? WardView.AS_REPORTED : WardView.CURRENT;
          months.put(view, read.months());
          loadedFrom.put(view, read.loadedFrom());
        });
    java.util.concurrent.CompletableFuture<InMemoryGold> whole =
        new java.util.concurrent.CompletableFuture<>();
    // Done once the whole gold is served and its snapshot written (or neither will be): tests and
    // the bench wait.
    java.util.concurrent.CompletableFuture<Void> written =
        new java.util.concurrent.CompletableFuture<>();
    snapshotWrite = written;
    Loaded partialGold =
        new Loaded(new PartialGold(gold, months, loadedFrom, whole, WAIT_FOR_WHOLE), null);
    this.fromSnapshot = false;
    loaded.set(partialGold);
    LOG.info(
        "gold served from {}: version {}, the latest month only ({} ward-month rows; {}); reading the months"
            + " before it",
        warehouse,
        full.version(),
        firstReads.values().stream().mapToInt(r -> r.rows().size()).sum(),
        timing);
    rest.execute(
        () -> {
          long restStarted = System.nanoTime();
          try {
            Map<String, List<KpiRow>> all = readRest(firstReads);
            InMemoryGold wholeGold =
                InMemoryGold.fromTables(
                    full,
                    tables,
                    all.get(Tables.WARD_MONTH_KPIS),
                    all.getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
            whole.complete(wholeGold);
            // A newer version loaded meanwhile by the poll is not replaced by this older one.
            if (loaded.compareAndSet(partialGold, new Loaded(wholeGold, null))) {
              precomputeInBackground(wholeGold);
              LOG.info(
                  "gold loaded from {}: version {} (the months before the latest read in {} ms, {} ms after the start"
                      + " of the load; tables {})",
                  warehouse,
                  full.version(),
                  (System.nanoTime() - restStarted) / 1_000_000,
                  (System.nanoTime() - started) / 1_000_000,
                  versions);
              writeSnapshot(new GoldSnapshot.Contents(warehouse.toString(), full, tables, all))
                  .whenComplete((done, error) -> written.complete(null));
            } else {
              written.complete(null);
            }
          } catch (RuntimeException | Error e) {
            // Never left pending (out of memory included): the waiting requests get a 503 and the
            // next poll reads again.
            written.complete(null);
            whole.completeExceptionally(e);
            LOG.warn(
                "Cannot read the months before the latest from {}: {} (serving the latest month; the next poll"
                    + " reads gold again)",
                warehouse,
                e.toString());
            if (e instanceof Error error) {
              throw error;
            }
          }
        });
    return true;
  }

  /** Serves {@code gold} (read whole), computes its province figures and writes the snapshot. */
  private void serveWhole(
      InMemoryGold gold,
      Map<String, List<Map<String, Object>>> tables,
      Map<String, List<KpiRow>> kpis,
      String message) {
    this.fromSnapshot = false;
    loaded.set(new Loaded(gold, null));
    precomputeInBackground(gold);
    LOG.info(message);
    writeSnapshot(new GoldSnapshot.Contents(warehouse.toString(), gold.version(), tables, kpis));
  }

  /**
   * The ward-month rows of every table: those read first and the rest of their files, read side by
   * side.
   */
  private Map<String, List<KpiRow>> readRest(Map<String, KpiRead> firstReads) {
    java.util.concurrent.ExecutorService loaders = Executors.newFixedThreadPool(2);
    try {
      Map<String, java.util.concurrent.CompletableFuture<List<KpiRow>>> rest =
          new LinkedHashMap<>();
      firstReads.forEach(
          (name, read) ->
              rest.put(
                  name,
                  java.util.concurrent.CompletableFuture.supplyAsync(
                      () -> {
                        List<KpiRow> rows = new java.util.ArrayList<>(read.rows());
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
                      },
                      loaders)));
      Map<String, List<KpiRow>> all = new LinkedHashMap<>();
      rest.forEach((name, future) -> all.put(name, future.join()));
      return all;
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      loaders.shutdown();
    }
  }

  /**
   * The province figures of {@code gold}, on a thread of their own: the data is served meanwhile.
   */
  private static void precomputeInBackground(InMemoryGold gold) {
    Thread thread =
        new Thread(
            () -> {
              long started = System.nanoTime();
              gold.precompute();
              LOG.info(
                  "gold version {}: province aggregates computed in {} ms",
                  gold.version().version(),
                  (System.nanoTime() - started) / 1_000_000);
            },
            "gold-aggregates");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A ward-month table as first read: its version, the rows read, every month it has (oldest
   * first), the first month whose rows are all read ({@code ""}: every month), and the files left
   * to read (none: all read).
   */
  private record KpiRead(
      DeltaTableReader.TableVersion version,
      List<KpiRow> rows,
      List<String> months,
      String loadedFrom,
      Optional<DeltaTableReader.DataFiles> rest) {}

  /**
   * A ward-month table's rows: the live files (Delta Kernel) decoded by DuckDB, or, when the table
   * uses what those files alone do not say (deletion vectors, column mapping), by Delta Kernel's
   * own reader. With {@code latestFirst}, a table partitioned by month is read for its latest month
   * only, and the rest is left for {@link #readRest}.
   */
  private KpiRead readKpis(String name, boolean latestFirst) {
    Path location = table(name);
    long started = System.nanoTime();
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
    java.util.TreeSet<String> months = new java.util.TreeSet<>();
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
      List<DeltaTableReader.DataFile> first = new java.util.ArrayList<>();
      List<DeltaTableReader.DataFile> rest = new java.util.ArrayList<>();
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

  /** Months partition the ward-month tables (the warehouse contract). */
  private static final String MONTH = "month";

  /**
   * How long a request outside the latest month waits, at a first start, for the months before it.
   */
  private static final Duration WAIT_FOR_WHOLE = Duration.ofSeconds(20);

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
    Path location = table(name);
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
    Path location = table(name);
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

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // Keep serving what was loaded; a half-written table is read again at the next poll.
      LOG.warn(
          "Cannot reload gold from {}: {} (still serving the previous version)",
          warehouse,
          e.toString());
    }
  }

  private Path table(String name) {
    return Path.of(Tables.location(warehouse.toString(), Tables.GOLD, name));
  }

  private String problemText() {
    return "There are no gold tables in "
        + warehouse
        + " yet (run ./da06 demo, or ./da06 run --inbox <inbox>"
        + " --warehouse "
        + warehouse
        + ")";
  }

  public Optional<DataVersion> version() {
    return Optional.ofNullable(loaded.get().gold()).map(GoldData::version);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
