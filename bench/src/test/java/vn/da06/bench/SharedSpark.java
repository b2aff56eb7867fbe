package vn.da06.bench;

import org.apache.spark.sql.SparkSession;

/**
 * One local[2] SparkSession per test JVM, as the jobs use it (Delta, Vietnam's time zone); the
 * bench module's copy of the jobs' test helper.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      System.setProperty("spark.master", "local[2]");
      System.setProperty("spark.sql.shuffle.partitions", "2");
      System.setProperty("spark.default.parallelism", "2");
      session = vn.da06.jobs.spark.SparkSessions.getOrCreate("da06-tests");
    }
    return session;
  }
}
