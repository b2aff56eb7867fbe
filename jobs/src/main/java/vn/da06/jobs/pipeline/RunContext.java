package vn.da06.jobs.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.jobs.ingest.CsvRows;
import vn.da06.jobs.silver.SilverTransforms;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;

/**
 * What the stages of one run share: the session, the warehouse, the run's id, its progress lines
 * and the Delta version of every table it wrote.
 */
final class RunContext {
  final SparkSession spark;
  final DeltaIo io;
  final Progress progress;
  final String runId;
  final Map<String, Long> versions = new LinkedHashMap<>();

  RunContext(SparkSession spark, DeltaIo io, Progress progress, String runId) {
    this.spark = spark;
    this.io = io;
    this.progress = progress;
    this.runId = runId;
  }

  /** Notes the version of a table just written, as {@code layer.table}. */
  void wrote(String layer, String table) {
    versions.put(layer + "." + table, io.version(layer, table));
  }

  /** Silver rows of a feed; an empty dataset of the right shape when the feed never arrived. */
  Dataset<Row> silver(Feed feed) {
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
}
