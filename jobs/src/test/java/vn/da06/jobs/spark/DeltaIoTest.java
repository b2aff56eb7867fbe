package vn.da06.jobs.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;
import vn.da06.warehouse.Tables;

class DeltaIoTest {
  final SparkSession spark = SharedSpark.get();

  /** Relative to the working directory, as an operator types {@code --warehouse data/warehouse}. */
  final Path relative = Path.of("target", "deltaio-relative-" + System.nanoTime());

  @AfterEach
  void removeIt() throws IOException {
    if (!Files.exists(relative)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(relative)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void aTableCreatedWithPropertiesUnderARelativeWarehousePathIsCreatedThere() {
    assertThat(relative.isAbsolute()).isFalse();
    DeltaIo io = new DeltaIo(spark, relative.toString());
    StructType schema =
        new StructType()
            .add("source_sha256", DataTypes.StringType)
            .add("value", DataTypes.LongType);
    io.createIfMissing(
        schema, Map.of("delta.dataSkippingStatsColumns", "source_sha256"), Tables.BRONZE, "t");
    io.createIfMissing(
        schema, Map.of("delta.dataSkippingStatsColumns", "source_sha256"), Tables.BRONZE, "t");

    assertThat(relative.resolve(Tables.BRONZE).resolve("t").resolve("_delta_log")).isDirectory();
    assertThat(io.version(Tables.BRONZE, "t")).isZero();
    assertThat(
            io.table(Tables.BRONZE, "t")
                .detail()
                .select("properties")
                .head()
                .<String, String>getJavaMap(0))
        .containsEntry("delta.dataSkippingStatsColumns", "source_sha256");
  }
}
