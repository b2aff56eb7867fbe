package vn.da06.dashboard.store;

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
 * Gold read with Delta Kernel into one immutable {@link InMemoryGold}, held in an {@link AtomicReference}.
 * A background poll compares each gold table's latest Delta version with the loaded one and, when any
 * moved, loads all tables and swaps the reference: a request sees the old or the new data, never a mix.
 */
public final class DeltaKpiStore implements KpiStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaKpiStore.class);

  private final Path warehouse;
  private final DeltaTableReader reader = new DeltaTableReader();
  private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(null, null));
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "gold-poll");
    thread.setDaemon(true);
    return thread;
  });

  /** What is served: the data, or why there is none. */
  private record Loaded(InMemoryGold gold, String problem) {}

  private final Path snapshot;
  private volatile boolean fromSnapshot;
  private volatile java.util.concurrent.CompletableFuture<Void> snapshotWrite =
      java.util.concurrent.CompletableFuture.completedFuture(null);

  public DeltaKpiStore(Path warehouse) {
    this(warehouse, null);
  }

  /**
   * A store that starts from {@code snapshot} (a {@link GoldSnapshot} file) when it was written from the
   * tables' current Delta versions, and rewrites it after each load from the tables; null: no snapshot.
   */
  public DeltaKpiStore(Path warehouse, Path snapshot) {
    this.warehouse = warehouse.toAbsolutePath().normalize();
    this.snapshot = snapshot == null ? null : snapshot.toAbsolutePath().normalize();
  }

  /** Whether the data served came from the snapshot file (true) or from the tables' Parquet files. */
  public boolean servedFromSnapshot() {
    return fromSnapshot;
  }

  /** The last snapshot write started (done at once when none was); tests and the bench wait on it. */
  public java.util.concurrent.CompletableFuture<Void> snapshotWritten() {
    return snapshotWrite;
  }

  /** The snapshot's contents, or empty (with a WARN when the file is there but unusable). */
  private Optional<GoldSnapshot.Contents> readSnapshot() {
    long started = System.nanoTime();
    try {
      GoldSnapshot.Contents contents = GoldSnapshot.read(snapshot);
      LOG.info("gold snapshot {} read in {} ms", snapshot, (System.nanoTime() - started) / 1_000_000);
      return Optional.of(contents);
    } catch (GoldSnapshot.Unusable e) {
      LOG.warn("Ignoring the gold snapshot: {} (reading the tables instead; the snapshot is rewritten after)",
          e.getMessage());
      return Optional.empty();
    }
  }

  /** The gold of the snapshot when its key equals {@code latest}; empty otherwise. */
  private Optional<InMemoryGold> fromSnapshot(Optional<GoldSnapshot.Contents> snapshotRead,
      Map<String, Long> latest) {
    if (snapshotRead.isEmpty()) {
      return Optional.empty();
    }
    GoldSnapshot.Contents contents = snapshotRead.get();
    long started = System.nanoTime();
    if (!contents.warehouse().equals(warehouse.toString())
        || !contents.version().tableVersions().equals(latest)) {
      LOG.info("gold snapshot {} is of {} versions {}, the tables are at {}: reading the tables", snapshot,
          contents.warehouse(), contents.version().tableVersions(), latest);
      return Optional.empty();
    }
    long read = started;
    InMemoryGold gold = InMemoryGold.fromTables(contents.version(), contents.tables(),
        contents.kpis().getOrDefault(Tables.WARD_MONTH_KPIS, List.of()),
        contents.kpis().getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
    long built = System.nanoTime();
    LOG.info("gold loaded from snapshot {}: version {} (after the snapshot's read: indexes {} ms; tables {})",
        snapshot, contents.version().version(), (built - read) / 1_000_000, latest);
    return Optional.of(gold);
  }

  /** The temporary files of snapshot writes a stopped server left behind, deleted (they are never read). */
  private void removeSnapshotLeftovers() {
    if (snapshot == null) {
      return;
    }
    try {
      int removed = GoldSnapshot.removeLeftovers(snapshot);
      if (removed > 0) {
        LOG.info("deleted {} unfinished gold snapshot file(s) next to {}, left by a server stopped while it wrote"
            + " one", removed, snapshot);
      }
    } catch (java.io.IOException | RuntimeException e) {
      LOG.warn("Cannot delete unfinished gold snapshot files next to {}: {} (delete {}*.tmp by hand)", snapshot,
          e.toString(), snapshot);
    }
  }

  private void writeSnapshot(GoldSnapshot.Contents contents) {
    if (snapshot == null) {
      return;
    }
    snapshotWrite = java.util.concurrent.CompletableFuture.runAsync(() -> {
      long started = System.nanoTime();
      try {
        GoldSnapshot.write(snapshot, contents);
        LOG.info("gold snapshot written to {} ({} bytes, {} ms)", snapshot, Files.size(snapshot),
            (System.nanoTime() - started) / 1_000_000);
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn("Cannot write the gold snapshot {}: {} (the next start reads the tables)", snapshot, e.toString());
      }
    }, runnable -> {
      Thread thread = new Thread(runnable, "gold-snapshot");
      thread.setDaemon(true);
      thread.start();
    });
  }

  /** Loads now, then polls every {@code interval} for newer versions. */
  public DeltaKpiStore start(Duration interval) {
    removeSnapshotLeftovers();
    loaded.compareAndSet(loaded.get(), new Loaded(null, "The dashboard is loading gold from " + warehouse
        + " (try again in a few seconds)"));
    refresh();
    poller.scheduleWithFixedDelay(this::refreshQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  @Override
  public GoldData current() {
    Loaded now = loaded.get();
    if (now.gold() == null) {
      throw new WarehouseUnavailableException(now.problem() == null ? problemText() : now.problem());
    }
    return now.gold();
  }

  /** Loads again when any gold table has a newer version than the one served; returns whether it did. */
  public synchronized boolean refresh() {
    Path kpiTable = table(Tables.WARD_MONTH_KPIS);
    if (!Files.isDirectory(kpiTable.resolve("_delta_log"))) {
      loaded.set(new Loaded(null, problemText()));
      return false;
    }
    // At the first load, the snapshot (if any) is read while Delta Kernel finds the latest versions: both take
    // seconds, and the snapshot is only used when its key equals those versions.
    java.util.concurrent.CompletableFuture<Optional<GoldSnapshot.Contents>> snapshotRead =
        loaded.get().gold() == null && snapshot != null && Files.exists(snapshot)
            ? java.util.concurrent.CompletableFuture.supplyAsync(this::readSnapshot)
            : java.util.concurrent.CompletableFuture.completedFuture(Optional.empty());
    Map<String, Long> latest = new LinkedHashMap<>();
    for (String name : Tables.GOLD_TABLES) {
      reader.latestVersion(table(name)).ifPresent(version -> latest.put(name, version));
    }
    InMemoryGold served = loaded.get().gold();
    if (served != null && served.version().tableVersions().equals(latest)) {
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
    long started = System.nanoTime();
    Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
    Map<String, List<KpiRow>> kpis = new LinkedHashMap<>();
    Map<String, Long> versions = new LinkedHashMap<>();
    DataVersion version = null;
    // The two big tables are read side by side (they dominate the load: a country is ~700,000 rows), and
    // the small ones on this thread meanwhile.
    Map<String, java.util.concurrent.CompletableFuture<List<KpiRow>>> big = new LinkedHashMap<>();
    java.util.concurrent.ExecutorService loaders = Executors.newFixedThreadPool(2);
    Map<String, DeltaTableReader.TableVersion> bigVersions = new java.util.concurrent.ConcurrentHashMap<>();
    Map<String, DeltaTableReader.TableData> small = new LinkedHashMap<>();
    long bigRead;
    try {
      for (String name : latest.keySet()) {
        if (name.equals(Tables.WARD_MONTH_KPIS) || name.equals(Tables.WARD_MONTH_KPIS_CURRENT)) {
          big.put(name, java.util.concurrent.CompletableFuture.supplyAsync(() -> readKpis(name, bigVersions), loaders));
        }
      }
      for (String name : latest.keySet()) {
        if (!big.containsKey(name)) {
          small.put(name, readSmall(name));
        }
      }
      bigRead = System.nanoTime();
      for (Map.Entry<String, java.util.concurrent.CompletableFuture<List<KpiRow>>> entry : big.entrySet()) {
        kpis.put(entry.getKey(), entry.getValue().join());
      }
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    } finally {
      loaders.shutdown();
    }
    for (String name : latest.keySet()) {
      DeltaTableReader.TableVersion read = bigVersions.get(name);
      if (read == null) {
        DeltaTableReader.TableData data = small.get(name);
        tables.put(name, data.rows());
        read = new DeltaTableReader.TableVersion(data.version(), data.committedAt());
      }
      versions.put(name, read.version());
      if (name.equals(Tables.WARD_MONTH_KPIS)) {
        version = new DataVersion(read.version(), read.committedAt(), Map.of());
      }
    }
    long smallRead = System.nanoTime();
    DataVersion full = new DataVersion(version.version(), version.updatedAt(), versions);
    if (kpis.get(Tables.WARD_MONTH_KPIS).isEmpty()) {
      loaded.set(new Loaded(null, "gold.ward_month_kpis in " + warehouse + " has no rows yet (run ./da06 run --inbox"
          + " <inbox> --warehouse " + warehouse + " with feed files in the inbox, or ./da06 demo)"));
      return true;
    }
    // In order once here: the snapshot keeps this order, so a snapshot start's sort finds it sorted.
    kpis.replaceAll((name, rows) -> InMemoryGold.inOrder(rows));
    InMemoryGold gold = InMemoryGold.fromTables(full, tables, kpis.get(Tables.WARD_MONTH_KPIS),
        kpis.getOrDefault(Tables.WARD_MONTH_KPIS_CURRENT, List.of()));
    long built = System.nanoTime();
    this.fromSnapshot = false;
    loaded.set(new Loaded(gold, null));
    precomputeInBackground(gold);
    LOG.info("gold loaded from {}: version {} ({} ms: other tables read after {} ms, ward-month tables after {} ms,"
        + " indexes {} ms; tables {})", warehouse, full.version(), (built - started) / 1_000_000,
        (bigRead - started) / 1_000_000, (smallRead - started) / 1_000_000, (built - smallRead) / 1_000_000, versions);
    writeSnapshot(new GoldSnapshot.Contents(warehouse.toString(), full, tables, kpis));
    return true;
  }

  /** The province figures of {@code gold}, on a thread of their own: the data is served meanwhile. */
  private static void precomputeInBackground(InMemoryGold gold) {
    Thread thread = new Thread(() -> {
      long started = System.nanoTime();
      gold.precompute();
      LOG.info("gold version {}: province aggregates computed in {} ms", gold.version().version(),
          (System.nanoTime() - started) / 1_000_000);
    }, "gold-aggregates");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * A ward-month table's rows: the live files (Delta Kernel) decoded by DuckDB, or, when the table uses
   * what those files alone do not say (deletion vectors, column mapping), by Delta Kernel's own reader.
   */
  private List<KpiRow> readKpis(String name, Map<String, DeltaTableReader.TableVersion> versions) {
    Path location = table(name);
    long started = System.nanoTime();
    DeltaTableReader.DataFiles files = reader.dataFiles(location);
    String how;
    List<KpiRow> rows;
    if (files.unsupported().isPresent()) {
      LOG.warn("gold.{} uses {}: reading it with Delta Kernel's Parquet reader, which is ~10x slower than DuckDB"
          + " (rewrite the table without them, e.g. REORG TABLE ... APPLY (PURGE), for a fast start)", name,
          files.unsupported().get());
      KpiRowLoader loader = new KpiRowLoader();
      versions.put(name, reader.scan(location, loader));
      rows = loader.rows();
      how = "Delta Kernel";
    } else {
      try {
        rows = DuckDbKpiReader.read(files, location);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("Cannot read gold." + name + " in " + location + " with DuckDB: "
            + e.getMessage() + " (check the table's Parquet files; the server keeps the previous data)", e);
      }
      versions.put(name, files.version());
      how = "DuckDB";
    }
    LOG.info("gold.{}: {} rows from {} files read with {} in {} ms", name, rows.size(), files.files().size(), how,
        (System.nanoTime() - started) / 1_000_000);
    return rows;
  }

  /**
   * A small table's rows: its live files (Delta Kernel's log) decoded by DuckDB, as for the ward-month tables,
   * or by Delta Kernel's own reader when DuckDB cannot read them the same way.
   */
  private DeltaTableReader.TableData readSmall(String name) {
    Path location = table(name);
    long started = System.nanoTime();
    DeltaTableReader.DataFiles files = reader.dataFiles(location);
    Optional<String> unsupported = DuckDbTableReader.unsupported(files);
    if (unsupported.isEmpty()) {
      try {
        List<Map<String, Object>> rows = DuckDbTableReader.read(files, location);
        LOG.info("gold.{}: {} rows from {} files read with DuckDB in {} ms", name, rows.size(), files.files().size(),
            (System.nanoTime() - started) / 1_000_000);
        return new DeltaTableReader.TableData(files.version().version(), files.version().committedAt(), rows);
      } catch (java.sql.SQLException e) {
        unsupported = Optional.of("files DuckDB cannot read: " + e.getMessage());
      }
    }
    LOG.info("gold.{}: reading it with Delta Kernel's Parquet reader ({})", name, unsupported.get());
    return reader.read(location);
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // Keep serving what was loaded; a half-written table is read again at the next poll.
      LOG.warn("Cannot reload gold from {}: {} (still serving the previous version)", warehouse, e.toString());
    }
  }

  private Path table(String name) {
    return Path.of(Tables.location(warehouse.toString(), Tables.GOLD, name));
  }

  private String problemText() {
    return "There are no gold tables in " + warehouse + " yet (run ./da06 demo, or ./da06 run --inbox <inbox>"
        + " --warehouse " + warehouse + ")";
  }

  public Optional<DataVersion> version() {
    return Optional.ofNullable(loaded.get().gold()).map(InMemoryGold::version);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
