package vn.da06.jobs.spark;

import io.delta.tables.DeltaTable;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vn.da06.warehouse.Tables;

/** Reading and writing the warehouse's Delta tables at {@code <warehouse>/<layer>/<table>}. */
public final class DeltaIo {
  private final SparkSession spark;
  private final String warehouse;

  public DeltaIo(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  public SparkSession spark() {
    return spark;
  }

  public String warehouse() {
    return warehouse;
  }

  public String path(String layer, String table) {
    return Tables.location(warehouse, layer, table);
  }

  public boolean exists(String layer, String table) {
    return DeltaTable.isDeltaTable(spark, path(layer, table));
  }

  public Optional<Dataset<Row>> readIfExists(String layer, String table) {
    return exists(layer, table) ? Optional.of(read(layer, table)) : Optional.empty();
  }

  public Dataset<Row> read(String layer, String table) {
    return spark.read().format("delta").load(path(layer, table));
  }

  public DeltaTable table(String layer, String table) {
    return DeltaTable.forPath(spark, path(layer, table));
  }

  /**
   * The latest version of a table, or -1 if it does not exist: the highest commit file in its
   * {@code _delta_log} (a listing, not a Spark job; commit files are kept for the log retention,
   * 400 days).
   */
  public long version(String layer, String table) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(path(layer, table), "_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs =
          log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return -1;
      }
      return vn.da06.warehouse.DeltaLog.latestVersion(
          java.util.Arrays.stream(fs.listStatus(log)).map(status -> status.getPath().getName()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "Cannot read the version of " + path(layer, table) + ": " + e.getMessage(), e);
    }
  }

  public void append(Dataset<Row> rows, String layer, String table, String... partitionBy) {
    rows.write().format("delta").mode("append").partitionBy(partitionBy).save(path(layer, table));
  }

  public void overwrite(Dataset<Row> rows, String layer, String table, String... partitionBy) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .partitionBy(partitionBy)
        .save(path(layer, table));
  }

  /**
   * Creates the table empty, with {@code schema} and these table properties, unless it exists: for
   * properties that must hold from the first commit on (the session's defaults, such as the
   * retention, apply as well).
   */
  public void createIfMissing(
      org.apache.spark.sql.types.StructType schema,
      java.util.Map<String, String> properties,
      String layer,
      String table,
      String... partitionBy) {
    if (exists(layer, table)) {
      return;
    }
    // Qualified (file:/..., hdfs://...): Delta's table builder takes a relative location for a
    // table name.
    org.apache.hadoop.fs.Path location = new org.apache.hadoop.fs.Path(path(layer, table));
    String qualified;
    try {
      qualified =
          location
              .getFileSystem(spark.sparkContext().hadoopConfiguration())
              .makeQualified(location)
              .toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("Cannot reach " + location + ": " + e.getMessage(), e);
    }
    io.delta.tables.DeltaTableBuilder builder =
        DeltaTable.createIfNotExists(spark)
            .location(qualified)
            .addColumns(schema)
            .partitionedBy(partitionBy);
    for (java.util.Map.Entry<String, String> property : properties.entrySet()) {
      builder = builder.property(property.getKey(), property.getValue());
    }
    builder.execute();
  }

  /**
   * Replaces the rows matching {@code condition} with {@code rows} in one commit (the table is
   * created if missing). Readers see the old rows or the new ones, never a mix.
   */
  public void replaceWhere(
      Dataset<Row> rows, String layer, String table, String condition, String... partitionBy) {
    if (!exists(layer, table)) {
      rows.write()
          .format("delta")
          .mode("overwrite")
          .partitionBy(partitionBy)
          .save(path(layer, table));
      return;
    }
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", condition)
        .partitionBy(partitionBy)
        .save(path(layer, table));
  }
}
