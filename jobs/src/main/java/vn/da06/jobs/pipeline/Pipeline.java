package vn.da06.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaMergeBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import vn.da06.jobs.gold.DailyReportCheck;
import vn.da06.jobs.gold.Dimensions;
import vn.da06.jobs.gold.Measures;
import vn.da06.jobs.gold.TargetProgress;
import vn.da06.jobs.gold.UnitMetrics;
import vn.da06.jobs.gold.WardMonthKpis;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.jobs.ingest.CsvRows;
import vn.da06.jobs.ingest.InboxFile;
import vn.da06.jobs.ingest.InboxScanner;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.silver.SilverTransforms;
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
      java.util.Objects.requireNonNull(inbox, "inbox is null");
      java.util.Objects.requireNonNull(warehouse, "warehouse is null");
    }
  }

  /**
   * Bronze keeps per-file statistics of {@code source_sha256} only, the one column it is filtered
   * on (a file's rows). Delta's default, min/max/null counts of the first 32 columns, cost ~11 % of
   * the executors' time in a 1M-application run (JFR: DeltaTaskStatisticsTracker.newRow, mostly
   * comparing strings), for nothing read.
   */
  static final java.util.Map<String, String> BRONZE_PROPERTIES =
      java.util.Map.of("delta.dataSkippingStatsColumns", "source_sha256");

  /**
   * Silver keeps per-file statistics of its dates and times only: what gold's month ranges and
   * analysts' date filters skip files by. Delta's default, min/max of the first 32 columns,
   * compared every id, key and code string of every row written: 17–30 % of each silver merge's
   * samples in a 10M-application run (JFR: DeltaTaskStatisticsTracker.newRow), for columns no
   * reader can skip by (ids and keys are not clustered). Partition columns are skipped by their
   * folders, and Delta refuses statistics on them.
   */
  static java.util.Map<String, String> silverProperties(
      StructType schema, List<String> partitions) {
    String dated =
        java.util.Arrays.stream(schema.fields())
            .filter(f -> !partitions.contains(f.name()))
            .filter(
                f ->
                    f.dataType() instanceof org.apache.spark.sql.types.DateType
                        || f.dataType() instanceof org.apache.spark.sql.types.TimestampType)
            .map(org.apache.spark.sql.types.StructField::name)
            .collect(Collectors.joining(","));
    return java.util.Map.of("delta.dataSkippingStatsColumns", dated);
  }

  private static final StructType INGESTED_FILES =
      new StructType()
          .add("run_id", DataTypes.StringType)
          .add("feed", DataTypes.StringType)
          .add("file", DataTypes.StringType)
          .add("source_sha256", DataTypes.StringType)
          .add("size_bytes", DataTypes.LongType)
          .add("status", DataTypes.StringType)
          .add("rows_read", DataTypes.LongType)
          .add("rows_accepted", DataTypes.LongType)
          .add("rows_quarantined", DataTypes.LongType)
          .add("extra_columns", DataTypes.StringType)
          .add("message", DataTypes.StringType)
          .add("ingested_at", DataTypes.TimestampType);
  private static final StructType GOLD_PENDING =
      new StructType().add("run_id", DataTypes.StringType).add("from_month", DataTypes.StringType);

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
  private final DeltaIo io;
  private final Options options;
  private final Pseudonymizer pseudonymizer;
  private final Progress progress;
  private final String runId;
  private final Map<String, Long> versions = new LinkedHashMap<>();

  /** The ward list changed in this run: gold's grid and placements may differ in every month. */
  private boolean wardsChanged;

  public Pipeline(
      SparkSession spark, Options options, Pseudonymizer pseudonymizer, Progress progress) {
    this.spark = spark;
    this.io = new DeltaIo(spark, options.warehouse());
    this.options = options;
    this.pseudonymizer = pseudonymizer;
    this.progress = progress;
    this.runId =
        "run-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneId.of("Asia/Ho_Chi_Minh"))
                .format(Instant.now())
            + "-"
            + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
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
          runId,
          summary.files(),
          summary.feeds(),
          Map.copyOf(versions),
          summary.goldFromMonth(),
          progress.elapsed());
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

  private RunSummary runStages() {
    Path adminDir = Path.of(options.inbox(), "admin_units");
    AdminUnits units = AdminUnitsLoader.load(Files.isDirectory(adminDir) ? adminDir : null);
    progress.stage(
        "admin units: %s (%d pre-reform, %d current wards)",
        units.source(), units.wards(Era.PRE_REFORM).size(), units.wards(Era.POST_REFORM).size());
    Dataset<Row> dimWard = Dimensions.wards(spark, units).cache();
    Dataset<Row> knownUnits = Dimensions.knownUnits(spark, units).cache();

    List<InboxFile> scanned =
        new InboxScanner(spark.sparkContext().hadoopConfiguration()).scan(options.inbox());
    Set<String> seen =
        new HashSet<>(
            io.readIfExists(Tables.OPS, Tables.INGESTED_FILES)
                .map(
                    files ->
                        files
                            .select("source_sha256")
                            .distinct()
                            .as(org.apache.spark.sql.Encoders.STRING())
                            .collectAsList())
                .orElse(List.of()));
    List<RunSummary.FileOutcome> outcomes = new ArrayList<>();
    Map<Feed, List<InboxFile>> toIngest = new EnumMap<>(Feed.class);
    List<InboxFile> rejected = new ArrayList<>();
    for (InboxFile file : scanned) {
      if (!seen.add(file.sha256())) {
        outcomes.add(
            new RunSummary.FileOutcome(
                file.name(), "SKIPPED", 0, 0, 0, "already ingested (same bytes)"));
      } else if (!file.accepted()) {
        rejected.add(file);
        outcomes.add(
            new RunSummary.FileOutcome(file.name(), "REJECTED", 0, 0, 0, file.rejection()));
        progress.stage("REJECTED %s", file.rejection());
      } else {
        toIngest.computeIfAbsent(file.feed(), f -> new ArrayList<>()).add(file);
      }
    }
    progress.stage(
        "inbox %s: %d files, %d new, %d already ingested, %d rejected",
        options.inbox(),
        scanned.size(),
        toIngest.values().stream().mapToInt(List::size).sum(),
        outcomes.stream().filter(o -> o.status().equals("SKIPPED")).count(),
        rejected.size());

    // Bronze and quarantine, per feed.
    Map<Feed, Dataset<Row>> batches = new EnumMap<>(Feed.class);
    // Before the one-row-per-key step: enough for the earliest month touched (an older version of a
    // row can only
    // make it earlier, so gold redoes at least what it must) and one shuffle less per feed.
    Map<Feed, Dataset<Row>> acceptedRows = new EnumMap<>(Feed.class);
    Map<String, RunSummary.FeedCounts> feedCounts = new LinkedHashMap<>();
    List<Row> ingestedRows = new ArrayList<>();
    Dataset<Row> quarantine = null;
    for (Map.Entry<Feed, List<InboxFile>> entry : toIngest.entrySet()) {
      Feed feed = entry.getKey();
      List<InboxFile> files = entry.getValue();
      progress.stage("bronze %s: reading %d files", feed.folder(), files.size());
      String shaList =
          files.stream().map(f -> "'" + f.sha256() + "'").collect(Collectors.joining(","));
      Dataset<Row> typed =
          BronzeTransforms.type(feed, read(feed, files), knownUnits)
              .withColumn("run_id", lit(runId));
      io.createIfMissing(typed.schema(), BRONZE_PROPERTIES, Tables.BRONZE, feed.folder());
      io.replaceWhere(typed, Tables.BRONZE, feed.folder(), "source_sha256 IN (" + shaList + ")");
      versions.put("bronze." + feed.folder(), io.version(Tables.BRONZE, feed.folder()));
      Dataset<Row> bronze =
          io.read(Tables.BRONZE, feed.folder()).where("source_sha256 IN (" + shaList + ")");
      Dataset<Row> quarantined =
          bronze
              .where(col(BronzeTransforms.REASON).isNotNull())
              .select(
                  lit(feed.folder()).as("feed"),
                  col("source_file").as("file"),
                  col("line_number"),
                  col(BronzeTransforms.REASON).as("reason_code"),
                  col(BronzeTransforms.DETAIL).as("detail"),
                  col("run_id"),
                  col("source_sha256"));
      quarantine = quarantine == null ? quarantined : quarantine.unionByName(quarantined);
      Map<String, long[]> perFile = new LinkedHashMap<>();
      for (Row row :
          bronze
              .groupBy("source_sha256")
              .agg(
                  count(lit(1)),
                  sum(when(col(BronzeTransforms.REASON).isNotNull(), 1L).otherwise(0L)))
              .collectAsList()) {
        perFile.put(row.getString(0), new long[] {row.getLong(1), row.getLong(2)});
      }
      long read = 0;
      long quarantinedCount = 0;
      for (InboxFile file : files) {
        long[] counts = perFile.getOrDefault(file.sha256(), new long[] {0, 0});
        read += counts[0];
        quarantinedCount += counts[1];
        String extra = file.extraColumns().isEmpty() ? null : String.join(",", file.extraColumns());
        String message = extra == null ? null : "extra columns ignored: " + extra;
        if (message != null) {
          progress.stage("note %s: %s", file.name(), message);
        }
        outcomes.add(
            new RunSummary.FileOutcome(
                file.name(), "INGESTED", counts[0], counts[0] - counts[1], counts[1], message));
        ingestedRows.add(
            RowFactory.create(
                runId,
                feed.folder(),
                file.name(),
                file.sha256(),
                file.sizeBytes(),
                "INGESTED",
                counts[0],
                counts[0] - counts[1],
                counts[1],
                extra,
                message,
                Timestamp.from(Instant.now())));
      }
      feedCounts.put(
          feed.folder(),
          new RunSummary.FeedCounts(read, read - quarantinedCount, quarantinedCount));
      progress.stage(
          "bronze %s: %d rows read, %d accepted, %d quarantined",
          feed.folder(), read, read - quarantinedCount, quarantinedCount);
      Dataset<Row> accepted = SilverTransforms.accepted(bronze).drop("run_id");
      acceptedRows.put(feed, accepted);
      batches.put(feed, SilverTransforms.latest(accepted, SilverTransforms.spec(feed)));
    }
    if (quarantine != null) {
      String allShas =
          toIngest.values().stream()
              .flatMap(List::stream)
              .map(f -> "'" + f.sha256() + "'")
              .collect(Collectors.joining(","));
      io.replaceWhere(
          quarantine, Tables.OPS, Tables.QUARANTINE, "source_sha256 IN (" + allShas + ")");
      versions.put("ops.quarantine", io.version(Tables.OPS, Tables.QUARANTINE));
    }
    for (InboxFile file : rejected) {
      ingestedRows.add(
          RowFactory.create(
              runId,
              file.feed().folder(),
              file.name(),
              file.sha256(),
              file.sizeBytes(),
              "REJECTED",
              0L,
              0L,
              0L,
              null,
              file.rejection(),
              Timestamp.from(Instant.now())));
    }

    // Record which months gold must redo before silver changes: a killed run must not forget them.
    String fromMonth = affectedFrom(acceptedRows);
    if (fromMonth != null) {
      io.append(
          spark.createDataFrame(List.of(RowFactory.create(runId, fromMonth)), GOLD_PENDING),
          Tables.OPS,
          Tables.GOLD_PENDING);
    }
    for (Map.Entry<Feed, Dataset<Row>> entry : batches.entrySet()) {
      mergeSilver(entry.getKey(), entry.getValue());
    }

    writeDimensionsIfChanged(dimWard);
    String goldFrom =
        io.readIfExists(Tables.OPS, Tables.GOLD_PENDING)
            .map(p -> p.agg(org.apache.spark.sql.functions.min("from_month")).head().getString(0))
            .orElse(null);
    boolean targetsChanged = batches.containsKey(Feed.TARGETS);
    if (goldFrom != null || targetsChanged || !io.exists(Tables.GOLD, Tables.WARD_MONTH_KPIS)) {
      writeGold(dimWard, knownUnits, goldFrom);
    } else {
      progress.stage("gold: nothing new to recompute");
    }

    if (!ingestedRows.isEmpty()) {
      io.append(
          spark.createDataFrame(ingestedRows, INGESTED_FILES), Tables.OPS, Tables.INGESTED_FILES);
      versions.put("ops.ingested_files", io.version(Tables.OPS, Tables.INGESTED_FILES));
    }
    if (goldFrom != null) {
      io.overwrite(spark.createDataFrame(List.of(), GOLD_PENDING), Tables.OPS, Tables.GOLD_PENDING);
    }
    return new RunSummary(runId, outcomes, feedCounts, versions, goldFrom, progress.elapsed());
  }

  private Dataset<Row> read(Feed feed, List<InboxFile> files) {
    SerializableConfiguration hadoop =
        new SerializableConfiguration(spark.sparkContext().hadoopConfiguration());
    Pseudonymizer keyed = pseudonymizer;
    List<List<InboxFile.Part>> tasks =
        CsvRows.tasks(files, spark.sparkContext().defaultParallelism());
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(tasks, tasks.size())
            .flatMap(task -> CsvRows.read(task, keyed, hadoop.value()));
    return spark.createDataFrame(rows, CsvRows.rawSchema(feed));
  }

  /**
   * The earliest month whose gold figures the batch changes: its own months and those of the rows
   * it replaces.
   */
  private String affectedFrom(Map<Feed, Dataset<Row>> batches) {
    List<String> months = new ArrayList<>();
    for (Map.Entry<Feed, Dataset<Row>> entry : batches.entrySet()) {
      Feed feed = entry.getKey();
      Dataset<Row> batch = entry.getValue();
      List<String> dateColumns =
          switch (feed) {
            case EID_APPLICATIONS -> List.of("received_at", "activated_at");
            case SERVICE_DOSSIERS -> List.of("submitted_at", "resolved_at");
            case POPULATION -> List.of("snapshot_date");
            case DAILY_REPORTS -> List.of("report_date");
            case TARGETS -> List.of();
          };
      if (dateColumns.isEmpty()) {
        continue;
      }
      List<String> keys = SilverTransforms.spec(feed).keys();
      Dataset<Row> touched =
          batch.select(dateColumns.stream().map(c -> col(c)).toArray(Column[]::new));
      if (!keys.isEmpty() && io.exists(Tables.SILVER, feed.folder())) {
        Dataset<Row> replaced =
            io.read(Tables.SILVER, feed.folder())
                .join(
                    batch.select(keys.stream().map(k -> col(k)).toArray(Column[]::new)),
                    WardMonthKpis.keys(keys.toArray(String[]::new)))
                .select(dateColumns.stream().map(c -> col(c)).toArray(Column[]::new));
        touched = touched.unionByName(replaced);
      }
      Column[] monthColumns =
          dateColumns.stream().map(c -> Measures.month(col(c))).toArray(Column[]::new);
      Column earliest =
          monthColumns.length == 1
              ? monthColumns[0]
              : org.apache.spark.sql.functions.least(monthColumns);
      Row row = touched.agg(org.apache.spark.sql.functions.min(earliest)).head();
      if (!row.isNullAt(0)) {
        months.add(row.getString(0));
      }
    }
    return months.stream().min(String::compareTo).orElse(null);
  }

  private void mergeSilver(Feed feed, Dataset<Row> batch) {
    progress.stage("silver %s: merging", feed.folder());
    SilverTransforms.Spec spec = SilverTransforms.spec(feed);
    boolean fresh = !io.exists(Tables.SILVER, feed.folder());
    String[] partitions = feed == Feed.POPULATION ? new String[] {"snapshot_date"} : new String[0];
    io.createIfMissing(
        batch.schema(),
        silverProperties(batch.schema(), List.of(partitions)),
        Tables.SILVER,
        feed.folder(),
        partitions);
    if (feed == Feed.POPULATION) {
      List<String> dates =
          batch
              .select("snapshot_date")
              .distinct()
              .as(org.apache.spark.sql.Encoders.DATE())
              .collectAsList()
              .stream()
              .map(d -> "DATE'" + d + "'")
              .toList();
      if (!dates.isEmpty()) {
        io.replaceWhere(
            batch,
            Tables.SILVER,
            feed.folder(),
            "snapshot_date IN (" + String.join(",", dates) + ")",
            "snapshot_date");
      }
    } else if (fresh) {
      io.append(batch, Tables.SILVER, feed.folder());
    } else {
      String on =
          spec.keys().stream()
              .map(k -> "t." + k + " = s." + k)
              .collect(Collectors.joining(" AND "));
      DeltaMergeBuilder merge =
          io.table(Tables.SILVER, feed.folder()).as("t").merge(batch.as("s"), on);
      merge =
          spec.versionColumn() == null
              ? merge.whenMatched().updateAll()
              : merge
                  .whenMatched("s." + spec.versionColumn() + " > t." + spec.versionColumn())
                  .updateAll();
      merge.whenNotMatched().insertAll().execute();
    }
    versions.put("silver." + feed.folder(), io.version(Tables.SILVER, feed.folder()));
  }

  private void writeDimensionsIfChanged(Dataset<Row> dimWard) {
    writeIfChanged(dimWard, Tables.DIM_WARD);
    List<String> codes =
        silver(Feed.SERVICE_DOSSIERS)
            .select("service_code")
            .distinct()
            .as(org.apache.spark.sql.Encoders.STRING())
            .collectAsList();
    writeIfChanged(Dimensions.services(spark, codes), Tables.DIM_SERVICE);
  }

  /**
   * Dimensions are small and built on the driver: their content hash is kept as the commit's user
   * metadata, and a new version is written only when it changes.
   */
  private void writeIfChanged(Dataset<Row> fresh, String table) {
    List<String> rows = new ArrayList<>(fresh.collectAsList().stream().map(Row::toString).toList());
    java.util.Collections.sort(rows);
    String fingerprint = sha256(fresh.schema().simpleString() + "\n" + String.join("\n", rows));
    if (io.exists(Tables.GOLD, table)) {
      Row last = io.table(Tables.GOLD, table).history(1).select("userMetadata").head();
      if (!last.isNullAt(0) && last.getString(0).equals(fingerprint)) {
        return;
      }
    }
    fresh
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .option("userMetadata", fingerprint)
        .save(io.path(Tables.GOLD, table));
    wardsChanged |= table.equals(Tables.DIM_WARD);
    versions.put("gold." + table, io.version(Tables.GOLD, table));
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Silver rows of a feed; an empty dataset of the right shape when the feed never arrived. */
  private Dataset<Row> silver(Feed feed) {
    return io.readIfExists(Tables.SILVER, feed.folder())
        .orElseGet(
            () -> {
              Dataset<Row> none = spark.createDataFrame(List.of(), CsvRows.rawSchema(feed));
              Dataset<Row> known =
                  spark.createDataFrame(
                      List.of(),
                      new StructType()
                          .add("unit_code", DataTypes.StringType)
                          .add("era", DataTypes.StringType));
              return SilverTransforms.accepted(BronzeTransforms.type(feed, none, known));
            });
  }

  /**
   * Recomputes gold from {@code fromMonth} on (every month when NULL), reading only the silver rows
   * dated from that month (and the population snapshots those months use), as a run does after new
   * rows arrived; reads no inbox and records no run. What {@code ./da06 bench incremental} times
   * against a full rebuild.
   */
  public void updateGold(String fromMonth) {
    Path adminDir = Path.of(options.inbox(), "admin_units");
    AdminUnits units = AdminUnitsLoader.load(Files.isDirectory(adminDir) ? adminDir : null);
    Dataset<Row> dimWard = Dimensions.wards(spark, units).cache();
    Dataset<Row> knownUnits = Dimensions.knownUnits(spark, units).cache();
    writeGold(dimWard, knownUnits, fromMonth);
    dimWard.unpersist();
    knownUnits.unpersist();
  }

  /**
   * Gold's current rows from the month before {@code goldFrom} on, when gold from {@code goldFrom}
   * can be computed from the rows of those months alone: the months are all after the reform (so
   * every ward of the grid is a current ward) and gold holds the month before, whose cumulative
   * figures the new months continue. NULL otherwise: gold is rebuilt from the first month. One
   * small read (a month of wards) that gives the update all it needs from gold: the seeds, the
   * carried eligible population, the last month and the provinces.
   */
  private List<Row> heldFromMonthBefore(String goldFrom) {
    if (goldFrom == null
        || wardsChanged
        || goldFrom.compareTo(Era.REFORM_DATE.toString().substring(0, 7)) <= 0
        || !io.exists(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)) {
      return null;
    }
    String previous = YearMonth.parse(goldFrom).minusMonths(1).toString();
    List<Column> columns =
        new ArrayList<>(
            List.of(
                col("month"), col("ward_code"), col("province_code"), col("eligible_population")));
    WardMonthKpis.CUMULATIVE.forEach(name -> columns.add(col(name)));
    List<Row> held =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
            .where(col("month").geq(previous))
            .select(columns.toArray(Column[]::new))
            .collectAsList();
    return held.stream().anyMatch(row -> row.getString(0).equals(previous)) ? held : null;
  }

  private void writeGold(Dataset<Row> dimWard, Dataset<Row> knownUnits, String goldFrom) {
    progress.stage("gold: reading silver");
    Dataset<Row> applications = silver(Feed.EID_APPLICATIONS);
    Dataset<Row> dossiers = silver(Feed.SERVICE_DOSSIERS);
    Dataset<Row> population = silver(Feed.POPULATION);
    Dataset<Row> reports = silver(Feed.DAILY_REPORTS);
    Dataset<Row> targets = silver(Feed.TARGETS);
    List<LocalDate> snapshots =
        population
            .select("snapshot_date")
            .distinct()
            .as(org.apache.spark.sql.Encoders.DATE())
            .collectAsList()
            .stream()
            .map(java.sql.Date::toLocalDate)
            .sorted()
            .toList();

    List<Row> held = heldFromMonthBefore(goldFrom);
    boolean incremental = held != null;
    Dataset<Row> seeds = null;
    Dataset<Row> carriedEligible = null;
    TreeSet<String> months = new TreeSet<>();
    Set<String> goldProvinces = new TreeSet<>();
    if (incremental) {
      // Only rows dated from the first month to redo: the months before keep their gold rows, and
      // their
      // cumulative figures seed the new months'.
      YearMonth first = YearMonth.parse(goldFrom);
      Column from =
          lit(
              Timestamp.from(
                  first.atDay(1).atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh")).toInstant()));
      applications =
          applications.where(col("received_at").geq(from).or(col("activated_at").geq(from)));
      dossiers = dossiers.where(col("submitted_at").geq(from).or(col("resolved_at").geq(from)));
      reports = reports.where(col("report_date").geq(lit(java.sql.Date.valueOf(first.atDay(1)))));
      // Only the snapshots taken from that month on are measured (none read when there is none).
      // The month
      // before used the latest earlier snapshot for its eligible population, on the same (current)
      // wards: its
      // gold figure is carried over.
      population =
          snapshots.stream().anyMatch(date -> !date.isBefore(first.atDay(1)))
              ? population.where(
                  col("snapshot_date").geq(lit(java.sql.Date.valueOf(first.atDay(1)))))
              : spark.createDataFrame(List.of(), population.schema());
      String previous = first.minusMonths(1).toString();
      List<Row> monthBefore =
          held.stream().filter(row -> row.getString(0).equals(previous)).toList();
      LocalDate carried =
          snapshots.stream()
              .filter(d -> d.isBefore(first.atDay(1)))
              .reduce((a, b) -> b)
              .orElse(null);
      if (carried != null) {
        List<Row> carriedRows =
            monthBefore.stream()
                .filter(row -> !row.isNullAt(3) && row.getLong(3) > 0)
                .map(
                    row ->
                        RowFactory.create(
                            java.sql.Date.valueOf(carried),
                            row.getString(1),
                            Era.POST_REFORM.name(),
                            row.getLong(3)))
                .toList();
        carriedEligible =
            spark.createDataFrame(
                carriedRows,
                new StructType()
                    .add("snapshot_date", DataTypes.DateType)
                    .add("ward_code", DataTypes.StringType)
                    .add("ward_era", DataTypes.StringType)
                    .add("eligible_population", DataTypes.LongType));
      }
      StructType seedSchema = new StructType().add("ward_code", DataTypes.StringType);
      for (String cumulative : WardMonthKpis.CUMULATIVE) {
        seedSchema = seedSchema.add(cumulative, DataTypes.LongType);
      }
      // Each held row: month, ward_code, province_code, eligible_population, then the cumulative
      // counts.
      seeds =
          spark.createDataFrame(
              monthBefore.stream()
                  .map(
                      row -> {
                        Object[] seed = new Object[1 + WardMonthKpis.CUMULATIVE.size()];
                        seed[0] = row.getString(1);
                        for (int i = 0; i < WardMonthKpis.CUMULATIVE.size(); i++) {
                          seed[1 + i] = row.get(4 + i);
                        }
                        return RowFactory.create(seed);
                      })
                  .toList(),
              seedSchema);
      // Gold's months from the first to redo are redone; its provinces are kept. Every run writes
      // all its
      // provinces into every month it writes, and a later month is always rewritten with an earlier
      // one,
      // so the month before holds every province of the months before it.
      months.add(goldFrom);
      held.forEach(
          row -> {
            if (row.getString(0).compareTo(goldFrom) >= 0) {
              months.add(row.getString(0));
            }
            goldProvinces.add(row.getString(2));
          });
    }

    progress.stage(
        "gold: measuring (from %s)",
        goldFrom == null
            ? "the first month"
            : goldFrom + (incremental ? ", rows of those months only" : ", all rows"));
    Dataset<Row> eid = Measures.eid(applications);
    Dataset<Row> dossierMeasures = Measures.dossiers(dossiers, false);
    if (incremental) {
      eid = eid.where(col("month").geq(goldFrom));
      dossierMeasures = dossierMeasures.where(col("month").geq(goldFrom));
    }
    eid = eid.cache();
    dossierMeasures = dossierMeasures.cache();
    Dataset<Row> snapshotFigures = Measures.bySnapshot(population).cache();
    Dataset<Row> eligible = Measures.eligible(snapshotFigures);
    if (carriedEligible != null) {
      eligible = eligible.unionByName(carriedEligible);
    }
    Dataset<Row> quality = snapshotFigures.drop("eligible_population");

    for (Dataset<Row> measures : List.of(eid, dossierMeasures)) {
      Row range =
          measures
              .agg(
                  org.apache.spark.sql.functions.min("month"),
                  org.apache.spark.sql.functions.max("month"))
              .head();
      if (!range.isNullAt(0)) {
        months.add(range.getString(0));
        months.add(range.getString(1));
      }
    }
    snapshots.stream()
        .filter(date -> !incremental || YearMonth.from(date).toString().compareTo(goldFrom) >= 0)
        .forEach(date -> months.add(YearMonth.from(date).toString()));
    if (months.isEmpty()) {
      progress.stage("gold: no events yet");
      return;
    }
    Dataset<Row> calendar =
        calendar(YearMonth.parse(months.first()), YearMonth.parse(months.last()), snapshots);

    // Wards in scope: those of every province with data; an old ward with no crosswalk link (merged
    // away
    // before the lists the warehouse knows) only where it has events.
    Dataset<Row> withEvents =
        eid.select("ward_code", "ward_era")
            .unionByName(dossierMeasures.select("ward_code", "ward_era"))
            .unionByName(eligible.select("ward_code", "ward_era"))
            .distinct()
            .select(
                col("ward_code").as("_code"),
                col("ward_era").as("_era"),
                lit(true).as("_has_events"));
    Dataset<Row> dimWithEvents =
        dimWard.join(
            withEvents,
            col("_code").equalTo(col("ward_code")).and(col("_era").equalTo(col("era"))),
            "left");
    Set<String> provinces =
        new TreeSet<>(
            dimWithEvents
                .where(col("_has_events").and(col("current_province_code").isNotNull()))
                .select("current_province_code")
                .distinct()
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList());
    provinces.addAll(goldProvinces);
    Dataset<Row> wards =
        dimWithEvents
            .where(
                col("current_province_code")
                    .isin(provinces.toArray())
                    .and(col("current_ward_code").isNotNull().or(col("_has_events").equalTo(true))))
            .select("ward_code", "era", "current_ward_code", "province_code", "district_code")
            .cache();
    progress.stage("gold: %s to %s, provinces %s", months.first(), months.last(), provinces);

    WardMonthKpis.Result kpis =
        WardMonthKpis.build(eid, dossierMeasures, eligible, quality, calendar, wards, seeds);
    String where = goldFrom == null ? "true" : "month >= '" + goldFrom + "'";
    Column changedMonths = goldFrom == null ? lit(true) : col("month").geq(goldFrom);
    writeGoldTable(kpis.asOfTime().where(changedMonths), Tables.WARD_MONTH_KPIS, where);
    writeGoldTable(kpis.current().where(changedMonths), Tables.WARD_MONTH_KPIS_CURRENT, where);
    kpis.release();

    Dataset<Row> perService = Measures.dossiers(dossiers, true);
    Dataset<Row> crosswalk =
        wards.select(col("ward_code").as("_code"), col("era").as("_era"), col("current_ward_code"));
    Dataset<Row> serviceMonth =
        perService
            .join(
                crosswalk,
                col("ward_code").equalTo(col("_code")).and(col("ward_era").equalTo(col("_era"))))
            .withColumn(
                "placed",
                when(
                        BronzeTransforms.era(
                                org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .concat(col("month"), lit("-01"))
                                    .cast("date"))
                            .equalTo(col("ward_era")),
                        col("ward_code"))
                    .otherwise(col("current_ward_code")))
            .groupBy(col("placed").as("ward_code"), col("month"), col("service_code"))
            .agg(
                sum("dossiers_total").as("dossiers_total"),
                sum("dossiers_online").as("dossiers_online"),
                sum("dossiers_resolved").as("dossiers_resolved"),
                sum("dossiers_resolved_on_time").as("dossiers_resolved_on_time"));
    writeGoldTable(serviceMonth.where(changedMonths), Tables.SERVICE_MONTH, where);

    Dataset<Row> daily = DailyReportCheck.build(reports, applications, wards);
    writeGoldTable(daily.where(changedMonths), Tables.DAILY_REPORT_CHECK, where);

    Dataset<Row> asOf = io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS);
    Dataset<Row> unitMetrics =
        UnitMetrics.longForm(asOf).unionByName(UnitMetrics.longForm(UnitMetrics.provinces(asOf)));
    // Every month gold holds, not only those just recomputed: the table is rewritten whole.
    Dataset<Row> progressRows =
        TargetProgress.build(targets, unitMetrics, asOf.select("month").distinct());
    progress.stage("gold: %s", Tables.TARGET_PROGRESS);
    io.overwrite(progressRows, Tables.GOLD, Tables.TARGET_PROGRESS);
    versions.put("gold." + Tables.TARGET_PROGRESS, io.version(Tables.GOLD, Tables.TARGET_PROGRESS));
    for (Dataset<Row> cached : List.of(eid, dossierMeasures, snapshotFigures, wards)) {
      cached.unpersist();
    }
  }

  private void writeGoldTable(Dataset<Row> rows, String table, String where) {
    progress.stage("gold: %s (%s)", table, where.equals("true") ? "all months" : where);
    // One file per month: a month's gold is small, and readers (the dashboard, Trino) open fewer
    // files.
    io.replaceWhere(rows.repartition(col("month")), Tables.GOLD, table, where, "month");
    versions.put("gold." + table, io.version(Tables.GOLD, table));
  }

  /**
   * month → the snapshot that gives its eligible population and the one that gives its data
   * quality.
   */
  private Dataset<Row> calendar(YearMonth first, YearMonth last, List<LocalDate> snapshots) {
    List<Row> rows = new ArrayList<>();
    for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      LocalDate end = month.atEndOfMonth();
      LocalDate eligible = null;
      LocalDate quality = null;
      for (LocalDate snapshot : snapshots) {
        if (!snapshot.isAfter(end)) {
          eligible = snapshot;
          if (YearMonth.from(snapshot).equals(month)) {
            quality = snapshot;
          }
        }
      }
      rows.add(
          RowFactory.create(
              month.toString(),
              eligible == null ? null : java.sql.Date.valueOf(eligible),
              quality == null ? null : java.sql.Date.valueOf(quality)));
    }
    StructType schema =
        new StructType()
            .add("month", DataTypes.StringType, false)
            .add("eligible_snapshot", DataTypes.DateType, true)
            .add("dq_snapshot", DataTypes.DateType, true);
    return spark.createDataFrame(rows, schema);
  }

  private void recordJobRun(
      Instant started, long in, long out, long quarantined, String outcome, String message) {
    Row row =
        RowFactory.create(
            runId,
            "pipeline",
            "inbox=" + options.inbox() + " warehouse=" + options.warehouse(),
            Timestamp.from(started),
            Timestamp.from(Instant.now()),
            in,
            out,
            quarantined,
            scala.jdk.javaapi.CollectionConverters.asScala(versions),
            outcome,
            message);
    io.append(spark.createDataFrame(List.of(row), JOB_RUNS), Tables.OPS, Tables.JOB_RUNS);
  }

  public String runId() {
    return runId;
  }
}
