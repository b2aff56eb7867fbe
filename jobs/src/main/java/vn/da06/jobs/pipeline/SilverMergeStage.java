package vn.da06.jobs.pipeline;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaMergeBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;
import vn.da06.jobs.gold.Measures;
import vn.da06.jobs.gold.WardMonthKpis;
import vn.da06.jobs.silver.SilverTransforms;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;

/**
 * Bronze batches → silver, one current row per key (population: one set of rows per snapshot date).
 * Before silver changes, the earliest month whose gold the batches change is recorded in {@code
 * ops.gold_pending}: a run killed after this stage leaves it for the next run.
 */
final class SilverMergeStage {

  static final StructType GOLD_PENDING =
      new StructType().add("run_id", DataTypes.StringType).add("from_month", DataTypes.StringType);

  private final RunContext run;

  SilverMergeStage(RunContext run) {
    this.run = run;
  }

  /**
   * Records the months gold must redo, then merges each feed's batch.
   *
   * @param acceptedRows per feed, the accepted rows of the batch (before one row per key)
   * @param batches per feed, the rows to merge
   */
  void merge(Map<Feed, Dataset<Row>> acceptedRows, Map<Feed, Dataset<Row>> batches) {
    // Record which months gold must redo before silver changes: a killed run must not forget them.
    String fromMonth = affectedFrom(acceptedRows);
    if (fromMonth != null) {
      run.io.append(
          run.spark.createDataFrame(List.of(RowFactory.create(run.runId, fromMonth)), GOLD_PENDING),
          Tables.OPS,
          Tables.GOLD_PENDING);
    }
    for (Map.Entry<Feed, Dataset<Row>> entry : batches.entrySet()) {
      mergeSilver(entry.getKey(), entry.getValue());
    }
  }

  /** The months {@code ops.gold_pending} records: this run's and those a killed run left. */
  List<String> pendingMonths() {
    return run.io
        .readIfExists(Tables.OPS, Tables.GOLD_PENDING)
        .map(p -> p.select("from_month").distinct().as(Encoders.STRING()).collectAsList())
        .orElse(List.of());
  }

  /** Empties {@code ops.gold_pending} once gold is written. */
  void clearPending() {
    run.io.overwrite(
        run.spark.createDataFrame(List.of(), GOLD_PENDING), Tables.OPS, Tables.GOLD_PENDING);
  }

  /**
   * Silver keeps per-file statistics of its dates and times only: what gold's month ranges and
   * analysts' date filters skip files by. Delta's default, min/max of the first 32 columns,
   * compared every id, key and code string of every row written: 17–30 % of each silver merge's
   * samples in a 10M-application run (JFR: DeltaTaskStatisticsTracker.newRow), for columns no
   * reader can skip by (ids and keys are not clustered). Partition columns are skipped by their
   * folders, and Delta refuses statistics on them.
   */
  static Map<String, String> silverProperties(StructType schema, List<String> partitions) {
    String dated =
        Arrays.stream(schema.fields())
            .filter(f -> !partitions.contains(f.name()))
            .filter(f -> f.dataType() instanceof DateType || f.dataType() instanceof TimestampType)
            .map(StructField::name)
            .collect(Collectors.joining(","));
    return Map.of("delta.dataSkippingStatsColumns", dated);
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
      if (!keys.isEmpty() && run.io.exists(Tables.SILVER, feed.folder())) {
        Dataset<Row> replaced =
            run.io
                .read(Tables.SILVER, feed.folder())
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
    return GoldPlan.earliest(months);
  }

  private void mergeSilver(Feed feed, Dataset<Row> batch) {
    run.progress.stage("silver %s: merging", feed.folder());
    SilverTransforms.Spec spec = SilverTransforms.spec(feed);
    boolean fresh = !run.io.exists(Tables.SILVER, feed.folder());
    String[] partitions = feed == Feed.POPULATION ? new String[] {"snapshot_date"} : new String[0];
    run.io.createIfMissing(
        batch.schema(),
        silverProperties(batch.schema(), List.of(partitions)),
        Tables.SILVER,
        feed.folder(),
        partitions);
    if (feed == Feed.POPULATION) {
      List<String> dates =
          batch.select("snapshot_date").distinct().as(Encoders.DATE()).collectAsList().stream()
              .map(d -> "DATE'" + d + "'")
              .toList();
      if (!dates.isEmpty()) {
        run.io.replaceWhere(
            batch,
            Tables.SILVER,
            feed.folder(),
            "snapshot_date IN (" + String.join(",", dates) + ")",
            "snapshot_date");
      }
    } else if (fresh) {
      run.io.append(batch, Tables.SILVER, feed.folder());
    } else {
      String on =
          spec.keys().stream()
              .map(k -> "t." + k + " = s." + k)
              .collect(Collectors.joining(" AND "));
      DeltaMergeBuilder merge =
          run.io.table(Tables.SILVER, feed.folder()).as("t").merge(batch.as("s"), on);
      merge =
          spec.versionColumn() == null
              ? merge.whenMatched().updateAll()
              : merge
                  .whenMatched("s." + spec.versionColumn() + " > t." + spec.versionColumn())
                  .updateAll();
      merge.whenNotMatched().insertAll().execute();
    }
    run.versions.put("silver." + feed.folder(), run.io.version(Tables.SILVER, feed.folder()));
  }
}
