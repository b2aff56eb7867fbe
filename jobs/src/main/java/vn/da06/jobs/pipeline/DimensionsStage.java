package vn.da06.jobs.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import vn.da06.jobs.gold.Dimensions;
import vn.da06.warehouse.Feed;
import vn.da06.warehouse.Tables;

/**
 * {@code gold.dim_ward} and {@code gold.dim_service}, written only when their content changed.
 * Dimensions are small and built on the driver: their content hash is kept as the commit's user
 * metadata, and a new version is written only when it changes.
 */
final class DimensionsStage {

  private final RunContext run;

  DimensionsStage(RunContext run) {
    this.run = run;
  }

  /** Writes both dimensions where changed; true when the ward list changed. */
  boolean writeIfChanged(Dataset<Row> dimWard) {
    boolean wardsChanged = writeIfChanged(dimWard, Tables.DIM_WARD);
    List<String> codes =
        run.silver(Feed.SERVICE_DOSSIERS)
            .select("service_code")
            .distinct()
            .as(Encoders.STRING())
            .collectAsList();
    writeIfChanged(Dimensions.services(run.spark, codes), Tables.DIM_SERVICE);
    return wardsChanged;
  }

  private boolean writeIfChanged(Dataset<Row> fresh, String table) {
    List<String> rows = new ArrayList<>(fresh.collectAsList().stream().map(Row::toString).toList());
    Collections.sort(rows);
    String fingerprint = sha256(fresh.schema().simpleString() + "\n" + String.join("\n", rows));
    if (run.io.exists(Tables.GOLD, table)) {
      Row last = run.io.table(Tables.GOLD, table).history(1).select("userMetadata").head();
      if (!last.isNullAt(0) && last.getString(0).equals(fingerprint)) {
        return false;
      }
    }
    fresh
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .option("userMetadata", fingerprint)
        .save(run.io.path(Tables.GOLD, table));
    run.versions.put("gold." + table, run.io.version(Tables.GOLD, table));
    return true;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
