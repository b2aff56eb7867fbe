package vn.da06.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.jobs.ingest.CsvRows;
import vn.da06.jobs.ingest.InboxFile;
import vn.da06.jobs.ingest.InboxScanner;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.silver.SilverTransforms;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;

/**
 * Inbox → bronze and {@code ops.quarantine}: the files not ingested before, read and typed per
 * feed. A file's bronze and quarantine rows are replaced, not appended, so a killed run repeats
 * this safely. The files are marked ingested ({@link #markIngested}) only after gold is written.
 */
final class IngestStage {

  /**
   * Bronze keeps per-file statistics of {@code source_sha256} only, the one column it is filtered
   * on (a file's rows). Delta's default, min/max/null counts of the first 32 columns, cost ~11 % of
   * the executors' time in a 1M-application run (JFR: DeltaTaskStatisticsTracker.newRow, mostly
   * comparing strings), for nothing read.
   */
  static final Map<String, String> BRONZE_PROPERTIES =
      Map.of("delta.dataSkippingStatsColumns", "source_sha256");

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

  /**
   * What the inbox brought.
   *
   * @param outcomes every file's outcome
   * @param batches per feed, the accepted rows, one per key: what silver merges
   * @param acceptedRows per feed, the accepted rows before the one-row-per-key step: enough for the
   *     earliest month touched (an older version of a row can only make it earlier, so gold redoes
   *     at least what it must) and one shuffle less per feed
   * @param feedCounts rows read, accepted and quarantined per feed
   * @param ingestedRows the {@code ops.ingested_files} rows to append once gold is written
   */
  record Result(
      List<RunSummary.FileOutcome> outcomes,
      Map<Feed, Dataset<Row>> batches,
      Map<Feed, Dataset<Row>> acceptedRows,
      Map<String, RunSummary.FeedCounts> feedCounts,
      List<Row> ingestedRows) {}

  private final RunContext run;
  private final Pseudonymizer pseudonymizer;

  IngestStage(RunContext run, Pseudonymizer pseudonymizer) {
    this.run = run;
    this.pseudonymizer = pseudonymizer;
  }

  Result ingest(String inbox, Dataset<Row> knownUnits) {
    List<InboxFile> scanned =
        new InboxScanner(run.spark.sparkContext().hadoopConfiguration()).scan(inbox);
    Set<String> seen =
        new HashSet<>(
            run.io
                .readIfExists(Tables.OPS, Tables.INGESTED_FILES)
                .map(
                    files ->
                        files
                            .select("source_sha256")
                            .distinct()
                            .as(Encoders.STRING())
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
        run.progress.stage("REJECTED %s", file.rejection());
      } else {
        toIngest.computeIfAbsent(file.feed(), f -> new ArrayList<>()).add(file);
      }
    }
    run.progress.stage(
        "inbox %s: %d files, %d new, %d already ingested, %d rejected",
        inbox,
        scanned.size(),
        toIngest.values().stream().mapToInt(List::size).sum(),
        outcomes.stream().filter(o -> o.status().equals("SKIPPED")).count(),
        rejected.size());

    Result result =
        new Result(
            outcomes,
            new EnumMap<>(Feed.class),
            new EnumMap<>(Feed.class),
            new LinkedHashMap<>(),
            new ArrayList<>());
    Dataset<Row> quarantine = null;
    for (Map.Entry<Feed, List<InboxFile>> entry : toIngest.entrySet()) {
      Dataset<Row> quarantined = bronze(entry.getKey(), entry.getValue(), knownUnits, result);
      quarantine = quarantine == null ? quarantined : quarantine.unionByName(quarantined);
    }
    if (quarantine != null) {
      run.io.replaceWhere(
          quarantine,
          Tables.OPS,
          Tables.QUARANTINE,
          "source_sha256 IN (" + shas(toIngest.values().stream().flatMap(List::stream)) + ")");
      run.versions.put("ops.quarantine", run.io.version(Tables.OPS, Tables.QUARANTINE));
    }
    for (InboxFile file : rejected) {
      result.ingestedRows().add(ingestedRow(file, "REJECTED", 0L, 0L, null, file.rejection()));
    }
    return result;
  }

  /**
   * One feed's new files into bronze; their outcomes, counts and silver batch into {@code result}.
   * Returns the feed's quarantine rows.
   */
  private Dataset<Row> bronze(
      Feed feed, List<InboxFile> files, Dataset<Row> knownUnits, Result result) {
    run.progress.stage("bronze %s: reading %d files", feed.folder(), files.size());
    String shaList = shas(files.stream());
    Dataset<Row> typed =
        BronzeTransforms.type(feed, read(feed, files), knownUnits)
            .withColumn("run_id", lit(run.runId));
    run.io.createIfMissing(typed.schema(), BRONZE_PROPERTIES, Tables.BRONZE, feed.folder());
    run.io.replaceWhere(typed, Tables.BRONZE, feed.folder(), "source_sha256 IN (" + shaList + ")");
    run.versions.put("bronze." + feed.folder(), run.io.version(Tables.BRONZE, feed.folder()));
    Dataset<Row> bronze =
        run.io.read(Tables.BRONZE, feed.folder()).where("source_sha256 IN (" + shaList + ")");
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
        run.progress.stage("note %s: %s", file.name(), message);
      }
      result
          .outcomes()
          .add(
              new RunSummary.FileOutcome(
                  file.name(), "INGESTED", counts[0], counts[0] - counts[1], counts[1], message));
      result
          .ingestedRows()
          .add(ingestedRow(file, "INGESTED", counts[0], counts[1], extra, message));
    }
    result
        .feedCounts()
        .put(
            feed.folder(),
            new RunSummary.FeedCounts(read, read - quarantinedCount, quarantinedCount));
    run.progress.stage(
        "bronze %s: %d rows read, %d accepted, %d quarantined",
        feed.folder(), read, read - quarantinedCount, quarantinedCount);
    Dataset<Row> accepted = SilverTransforms.accepted(bronze).drop("run_id");
    result.acceptedRows().put(feed, accepted);
    result.batches().put(feed, SilverTransforms.latest(accepted, SilverTransforms.spec(feed)));
    return quarantined;
  }

  private Row ingestedRow(
      InboxFile file, String status, long read, long quarantined, String extra, String message) {
    return RowFactory.create(
        run.runId,
        file.feed().folder(),
        file.name(),
        file.sha256(),
        file.sizeBytes(),
        status,
        read,
        read - quarantined,
        quarantined,
        extra,
        message,
        Timestamp.from(Instant.now()));
  }

  /** Appends the run's files to {@code ops.ingested_files}: the last write of a run. */
  void markIngested(List<Row> ingestedRows) {
    if (!ingestedRows.isEmpty()) {
      run.io.append(
          run.spark.createDataFrame(ingestedRows, INGESTED_FILES),
          Tables.OPS,
          Tables.INGESTED_FILES);
      run.versions.put("ops.ingested_files", run.io.version(Tables.OPS, Tables.INGESTED_FILES));
    }
  }

  private static String shas(java.util.stream.Stream<InboxFile> files) {
    return files.map(f -> "'" + f.sha256() + "'").collect(Collectors.joining(","));
  }

  private Dataset<Row> read(Feed feed, List<InboxFile> files) {
    SerializableConfiguration hadoop =
        new SerializableConfiguration(run.spark.sparkContext().hadoopConfiguration());
    Pseudonymizer keyed = pseudonymizer;
    List<List<InboxFile.Part>> tasks =
        CsvRows.tasks(files, run.spark.sparkContext().defaultParallelism());
    JavaRDD<Row> rows =
        JavaSparkContext.fromSparkContext(run.spark.sparkContext())
            .parallelize(tasks, tasks.size())
            .flatMap(task -> CsvRows.read(task, keyed, hadoop.value()));
    return run.spark.createDataFrame(rows, CsvRows.rawSchema(feed));
  }
}
