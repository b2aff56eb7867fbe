package vn.da06.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import vn.da06.warehouse.S3aSettings;

/**
 * Builds the SparkSession of a job shell. Settings given by spark-submit ({@code --master}, {@code
 * --conf}) win; what is set here are the defaults that make a single machine work.
 */
public final class SparkSessions {

  /** Local time of Vietnam: months and the 17:00 deadline are read in it. */
  public static final String TIME_ZONE = "Asia/Ho_Chi_Minh";

  /**
   * How long a table keeps old versions readable: a certified report may be regenerated a year
   * later.
   */
  public static final String RETENTION = "interval 400 days";

  private SparkSessions() {}

  public static SparkSession getOrCreate(String appName) {
    SparkConf conf = new SparkConf(true);
    conf.setIfMissing("spark.master", "local[*]");
    conf.setIfMissing("spark.app.name", appName);
    conf.setIfMissing("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.setIfMissing(
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.setIfMissing("spark.sql.session.timeZone", TIME_ZONE);
    conf.setIfMissing("spark.sql.shuffle.partitions", "8");
    conf.setIfMissing("spark.sql.adaptive.enabled", "true");
    conf.setIfMissing("spark.ui.enabled", "false");
    conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    // Silver keeps the latest row of each key with row_number() = 1. Spark's default puts a partial
    // top-1 (a sort
    // of every row) before the shuffle as well as after it: a second full sort that removes almost
    // nothing, since
    // a batch repeats few keys. Without it, 2M dossiers to silver took 6.4-7.2 s against 6.8-7.8 s
    // (BENCHMARKS.md).
    conf.setIfMissing("spark.sql.optimizer.windowGroupLimitThreshold", "-1");
    // Months partition the gold tables; a month's files are few and small.
    conf.setIfMissing("spark.databricks.delta.optimizeWrite.enabled", "false");
    conf.setIfMissing("spark.databricks.delta.stalenessLimit", "0");
    // Delta rebuilds a table's state from its log with this many tasks (default 50): far too many
    // for the
    // small logs of a warehouse written month by month, and each task costs ~100 ms on a laptop.
    conf.setIfMissing("spark.databricks.delta.snapshotPartitions", "2");
    // Certified reports are rebuilt from the table versions they read (./da06 report regenerate),
    // months later:
    // every table this warehouse creates keeps its log and removed files for over a year.
    conf.setIfMissing("spark.databricks.delta.properties.defaults.logRetentionDuration", RETENTION);
    conf.setIfMissing(
        "spark.databricks.delta.properties.defaults.deletedFileRetentionDuration", RETENTION);
    // s3a:// inbox and warehouse: endpoint, path style and region from the environment Trino's
    // catalog reads too (DA06_S3_*); keys from the environment or a credentials file, never here.
    S3aSettings.sparkConf(System.getenv()).forEach(conf::setIfMissing);
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
