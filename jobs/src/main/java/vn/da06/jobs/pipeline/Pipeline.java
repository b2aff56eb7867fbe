package vn.da06.jobs.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.jobs.gold.Dimensions;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnits;
import vn.da06.warehouse.admin.AdminUnitsLoader;
import vn.da06.warehouse.admin.Era;

/**
 * The warehouse run: inbox → bronze → silver → gold, with ops bookkeeping.
 *
 * <p>Inputs: the feed folders of an inbox (feeds.md) and, optionally, the official admin-unit lists
 * in {@code <inbox>/admin_units/}. Output: every table of warehouse.md under {@code
 * <warehouse>/<layer>/<table>}.
 *
 * <p>Incremental and idempotent: a file whose bytes were ingested before is skipped; gold is
 * recomputed from the earliest month the new rows touch (or the rows they replace) onwards, and
 * earlier months' files are left as they are. Every write is one Delta commit. The order of writes
 * makes a killed run safe to repeat: bronze and quarantine rows of a file are replaced, not
 * appended; the months gold must redo are recorded in {@code ops.gold_pending} before silver
 * changes; a file is marked ingested only after gold is written.
 */
public final class Pipeline {

  public record Options(String inbox, String warehouse) {
    public Options {
      Objects.requireNonNull(inbox, "inbox is null");
      Objects.requireNonNull(warehouse, "warehouse is null");
    }
  }

  /**
   * The schema of {@code ops.job_runs}: the pipeline and the scheduler's task runs both write it.
   */
  public static final StructType JOB_RUNS =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("job", DataTypes.StringType)
          .add("parameters", DataTypes.StringType)
          .add("started_at", DataTypes.TimestampType)
          .add("ended_at", DataTypes.TimestampType)
          .add("rows_in", DataTypes.LongType)
          .add("rows_out", DataTypes.LongType)
          .add("rows_quarantined", DataTypes.LongType)
          .add("delta_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
          .add("outcome", DataTypes.StringType)
          .add("message", DataTypes.StringType);

  private final SparkSession spark;
  private final Options options;
  private final Pseudonymizer pseudonymizer;
  private final RunContext run;

  public Pipeline(
      SparkSession spark, Options options, Pseudonymizer pseudonymizer, Progress progress) {
    this.spark = spark;
    this.options = options;
    this.pseudonymizer = pseudonymizer;
    String runId =
        "run-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(Instant.now())
            + "-"
            + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    this.run = new RunContext(spark, new DeltaIo(spark, options.warehouse()), progress, runId);
  }

  /** Runs once; records the run in ops.job_runs whatever its outcome. */
  public RunSummary run() {
    Instant started = Instant.now();
    try {
      RunSummary summary = runStages();
      long in = summary.feeds().values().stream().mapToLong(RunSummary.FeedCounts::rowsRead).sum();
      long out =
          summary.feeds().values().stream().mapToLong(RunSummary.FeedCounts::rowsAccepted).sum();
      recordJobRun(started, in, out, in - out, "SUCCEEDED", null);
      return new RunSummary(
          run.runId,
          summary.files(),
          summary.feeds(),
          Map.copyOf(run.versions),
          summary.goldFromMonth(),
          run.progress.elapsed());
    } catch (RuntimeException e) {
      try {
        recordJobRun(started, 0, 0, 0, "FAILED", String.valueOf(e.getMessage()));
      } catch (RuntimeException secondary) {
        e.addSuppressed(secondary);
      }
      throw e;
    }
  }

  /**
   * Recomputes every gold table from silver for all months, as a full rebuild would; reads no inbox
   * and records no run. What {@code ./da06 bench gold} times against the reference engine.
   */
  public void rebuildGold() {
    updateGold(null);
  }

  /**
   * Recomputes gold from {@code fromMonth} on (every month when NULL), reading only the silver rows
   * dated from that month (and the population snapshots those months use), as a run does after new
   * rows arrived; reads no inbox and records no run. What {@code ./da06 bench incremental} times
   * against a full rebuild.
   */
  public void updateGold(String fromMonth) {
    Dataset<Row> dimWard = Dimensions.wards(spark, adminUnits()).cache();
    new GoldUpdateStage(run).update(GoldPlan.from(fromMonth, List.of()), dimWard, false);
    dimWard.unpersist();
  }

  /**
   * inbox → bronze → silver (the months gold must redo recorded first) → dimensions → gold, then
   * the files marked ingested and the pending months cleared.
   */
  private RunSummary runStages() {
    AdminUnits units = adminUnits();
    run.progress.stage(
        "admin units: %s (%d pre-reform, %d current wards)",
        units.source(), units.wards(Era.PRE_REFORM).size(), units.wards(Era.POST_REFORM).size());
    Dataset<Row> dimWard = Dimensions.wards(spark, units).cache();
    Dataset<Row> knownUnits = Dimensions.knownUnits(spark, units).cache();

    IngestStage ingest = new IngestStage(run, pseudonymizer);
    IngestStage.Result ingested = ingest.ingest(options.inbox(), knownUnits);
    SilverMergeStage silver = new SilverMergeStage(run);
    silver.merge(ingested.acceptedRows(), ingested.batches());
    boolean wardsChanged = new DimensionsStage(run).writeIfChanged(dimWard);

    GoldPlan plan =
        GoldPlan.of(
            silver.pendingMonths(),
            List.of(),
            ingested.batches().containsKey(Feed.TARGETS),
            run.io.exists(Tables.GOLD, Tables.WARD_MONTH_KPIS));
    if (plan.recompute()) {
      new GoldUpdateStage(run).update(plan, dimWard, wardsChanged);
    } else {
      run.progress.stage("gold: nothing new to recompute");
    }

    ingest.markIngested(ingested.ingestedRows());
    if (plan.fromMonth() != null) {
      silver.clearPending();
    }
    return new RunSummary(
        run.runId,
        ingested.outcomes(),
        ingested.feedCounts(),
        run.versions,
        plan.fromMonth(),
        run.progress.elapsed());
  }

  private AdminUnits adminUnits() {
    Path adminDir = Path.of(options.inbox(), "admin_units");
    return AdminUnitsLoader.load(Files.isDirectory(adminDir) ? adminDir : null);
  }

  private void recordJobRun(
      Instant started, long in, long out, long quarantined, String outcome, String message) {
    Row row =
        RowFactory.create(
            run.runId,
            "pipeline",
            "inbox=" + options.inbox() + " warehouse=" + options.warehouse(),
            Timestamp.from(started),
            Timestamp.from(Instant.now()),
            in,
            out,
            quarantined,
            scala.jdk.javaapi.CollectionConverters.asScala(run.versions),
            outcome,
            message);
    run.io.append(spark.createDataFrame(List.of(row), JOB_RUNS), Tables.OPS, Tables.JOB_RUNS);
  }

  public String runId() {
    return run.runId;
  }
}
