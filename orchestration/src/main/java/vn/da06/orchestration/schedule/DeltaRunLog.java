package vn.da06.orchestration.schedule;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Tables;

/**
 * Appends each task attempt to {@code ops.job_runs} (the pipeline's own table, warehouse.md) with
 * job = the task name, parameters = the scheduled time, attempt and arguments, and outcome
 * SUCCEEDED, SUCCEEDED_LATE, RETRYING or FAILED. The pipeline task also writes its own "pipeline"
 * row, with its row counts and Delta versions.
 */
public final class DeltaRunLog implements RunLog {
  private static final StructType JOB_RUNS = vn.da06.jobs.pipeline.Pipeline.JOB_RUNS;

  private final SparkSession spark;
  private final DeltaIo io;

  public DeltaRunLog(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.io = new DeltaIo(spark, warehouse);
  }

  @Override
  public void record(TaskRun run) {
    String parameters =
        "dag="
            + run.dag()
            + " scheduled="
            + run.scheduled()
            + " attempt="
            + run.attempt()
            + " args="
            + String.join(" ", run.args());
    var row =
        RowFactory.create(
            run.runId(),
            run.task(),
            parameters,
            Timestamp.from(run.started()),
            Timestamp.from(run.ended()),
            null,
            null,
            null,
            scala.jdk.javaapi.CollectionConverters.asScala(Map.<String, Long>of()),
            run.outcome().name(),
            run.message());
    io.append(spark.createDataFrame(List.of(row), JOB_RUNS), Tables.OPS, Tables.JOB_RUNS);
  }
}
