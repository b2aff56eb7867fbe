package vn.da06.goldread;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gold read with Delta Kernel ({@link GoldLoader}) into one immutable {@link InMemoryGold}, held in
 * an {@link AtomicReference}. A poll compares each gold table's latest Delta version with the
 * loaded one and, when any moved, loads all tables and swaps the reference: a request sees the old
 * or the new data, never a mix. It runs on the {@link GoldThreads} it is given; {@link #close()}
 * stops its poll, the entry point stops the threads.
 */
public final class DeltaKpiStore implements KpiStore, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeltaKpiStore.class);

  /**
   * How long a request outside the latest month waits, at a first start, for the months before it.
   */
  private static final Duration WAIT_FOR_WHOLE = Duration.ofSeconds(20);

  private final String warehouse;
  private final GoldThreads threads;
  private final GoldLoader loader;
  private final GoldSnapshotFile snapshot;
  private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(null, null));
  private volatile java.util.concurrent.ScheduledFuture<?> poll;
  private volatile boolean fromSnapshot;
  private volatile CompletableFuture<Void> snapshotWrite = CompletableFuture.completedFuture(null);

  /** What is served: the data, or why there is none. */
  private record Loaded(GoldData gold, String problem) {}

  /**
   * A store of the gold of {@code warehouse} that starts from {@code snapshot} (a {@link
   * GoldSnapshot} file) when it was written from the tables' current Delta versions, and rewrites
   * it after each load from the tables; null: no snapshot.
   */
  public DeltaKpiStore(Path warehouse, Path snapshot, GoldThreads threads) {
    this(warehouse.toAbsolutePath().normalize().toString(), snapshot, threads);
  }

  /**
   * As above, for a warehouse given as a local folder or a URI ({@code s3a://bucket/da06}); the S3A
   * settings come from the environment ({@link vn.da06.warehouse.S3aSettings}).
   */
  public DeltaKpiStore(String warehouse, Path snapshot, GoldThreads threads) {
    this(warehouse, new DeltaTableReader(), snapshot, threads);
  }

  /** As above, reading with {@code reader} (its Hadoop settings). */
  public DeltaKpiStore(
      String warehouse, DeltaTableReader reader, Path snapshot, GoldThreads threads) {
    this.warehouse =
        DeltaTableReader.isRemote(warehouse)
            ? warehouse
            : Path.of(
                    warehouse.startsWith("file:")
                        ? java.net.URI.create(warehouse).getPath()
                        : warehouse)
                .toAbsolutePath()
                .normalize()
                .toString();
    this.threads = threads;
    this.loader = new GoldLoader(this.warehouse, reader, threads.tables());
    this.snapshot = new GoldSnapshotFile(snapshot, this.warehouse, threads.background());
  }

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
  public CompletableFuture<Void> snapshotWritten() {
    return snapshotWrite;
  }

  /** Loads now, then polls every {@code interval} for newer versions. */
  public DeltaKpiStore start(Duration interval) {
    snapshot.removeLeftovers();
    loaded.compareAndSet(
        loaded.get(),
        new Loaded(
            null,
            "The dashboard is loading gold from " + warehouse + " (try again in a few seconds)"));
    refresh();
    poll =
        threads
            .poll()
            .scheduleWithFixedDelay(
                this::refreshQuietly,
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
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
    if (!loader.hasGold()) {
      loaded.set(new Loaded(null, problemText()));
      return false;
    }
    GoldData served = loaded.get().gold();
    // At the first load, the snapshot (if any) is read while Delta Kernel finds the latest
    // versions: both take seconds, and the snapshot is only used when its key equals those
    // versions.
    CompletableFuture<Optional<GoldSnapshot.Contents>> snapshotRead =
        served == null ? snapshot.readAsync() : CompletableFuture.completedFuture(Optional.empty());
    Map<String, Long> latest = loader.latestVersions();
    // A partial gold whose months before the latest could not be read is read again.
    if (served != null
        && served.version().tableVersions().equals(latest)
        && !(served instanceof PartialGold partial && partial.failed())) {
      return false;
    }
    if (served == null) {
      Optional<InMemoryGold> fromSnapshot = snapshot.goldAt(snapshotRead.join(), latest);
      if (fromSnapshot.isPresent()) {
        this.fromSnapshot = true;
        loaded.set(new Loaded(fromSnapshot.get(), null));
        precomputeInBackground(fromSnapshot.get());
        return true;
      }
    }
    load(latest, served == null);
    return true;
  }

  /**
   * Reads gold at the versions of {@code latest} and serves it. At a first start ({@code partial})
   * the latest month of each ward-month table is read first and served at once ({@link
   * PartialGold}); the months before it are read after, on the {@code rest} thread, and the whole
   * gold replaces the partial one when they are in.
   */
  private void load(Map<String, Long> latest, boolean partial) {
    long started = System.nanoTime();
    Optional<GoldLoader.Read> read = loader.read(latest, partial);
    if (read.isEmpty()) {
      loaded.set(
          new Loaded(
              null,
              "gold.ward_month_kpis in "
                  + warehouse
                  + " has no rows yet (run ./da06 run --inbox"
                  + " <inbox> --warehouse "
                  + warehouse
                  + " with feed files in the inbox, or ./da06 demo)"));
      return;
    }
    GoldLoader.Read first = read.get();
    DataVersion version = first.version();
    if (first.whole()) {
      serveWhole(first);
      LOG.info(
          "gold loaded from {}: version {} ({}; tables {})",
          warehouse,
          version.version(),
          first.timing(),
          version.tableVersions());
      return;
    }
    // A first start: the latest month is served now, the months before it once read.
    CompletableFuture<InMemoryGold> whole = new CompletableFuture<>();
    // Done once the whole gold is served and its snapshot written (or neither will be): tests and
    // the bench wait.
    CompletableFuture<Void> written = new CompletableFuture<>();
    snapshotWrite = written;
    Loaded partialGold =
        new Loaded(
            new PartialGold(
                first.gold(), first.months(), first.loadedFrom(), whole, WAIT_FOR_WHOLE),
            null);
    this.fromSnapshot = false;
    loaded.set(partialGold);
    LOG.info(
        "gold served from {}: version {}, the latest month only ({} ward-month rows; {}); reading the months"
            + " before it",
        warehouse,
        version.version(),
        first.rowsRead(),
        first.timing());
    threads.rest().execute(() -> readTheRest(first, partialGold, whole, written, started));
  }

  private void readTheRest(
      GoldLoader.Read first,
      Loaded partialGold,
      CompletableFuture<InMemoryGold> whole,
      CompletableFuture<Void> written,
      long started) {
    long restStarted = System.nanoTime();
    try {
      GoldLoader.Read all = loader.rest(first);
      whole.complete(all.gold());
      // A newer version loaded meanwhile by the poll is not replaced by this older one.
      if (loaded.compareAndSet(partialGold, new Loaded(all.gold(), null))) {
        precomputeInBackground(all.gold());
        LOG.info(
            "gold loaded from {}: version {} (the months before the latest read in {} ms, {} ms after the start"
                + " of the load; tables {})",
            warehouse,
            all.version().version(),
            (System.nanoTime() - restStarted) / 1_000_000,
            (System.nanoTime() - started) / 1_000_000,
            all.version().tableVersions());
        snapshot.write(contents(all)).whenComplete((done, error) -> written.complete(null));
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
  }

  /** Serves {@code read} (read whole), computes its province figures and writes the snapshot. */
  private void serveWhole(GoldLoader.Read read) {
    this.fromSnapshot = false;
    loaded.set(new Loaded(read.gold(), null));
    precomputeInBackground(read.gold());
    snapshotWrite = snapshot.write(contents(read));
  }

  private GoldSnapshot.Contents contents(GoldLoader.Read read) {
    return new GoldSnapshot.Contents(warehouse, read.version(), read.tables(), read.kpis());
  }

  /**
   * The province figures of {@code gold}, on the background threads: the data is served meanwhile.
   */
  private void precomputeInBackground(InMemoryGold gold) {
    threads
        .background()
        .execute(
            () -> {
              long started = System.nanoTime();
              gold.precompute();
              LOG.info(
                  "gold version {}: province aggregates computed in {} ms",
                  gold.version().version(),
                  (System.nanoTime() - started) / 1_000_000);
            });
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

  /** Stops the poll; the threads are the entry point's to stop. */
  @Override
  public void close() {
    java.util.concurrent.ScheduledFuture<?> scheduled = poll;
    if (scheduled != null) {
      scheduled.cancel(true);
    }
  }
}
