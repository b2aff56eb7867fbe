package vn.da06.jobs.gold;

import java.sql.Timestamp;
import java.time.Instant;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import vn.da06.jobs.generate.FakeAdminUnits;

/** Small inputs the gold transforms' tests share. */
final class GoldRows {

  /** Silver's application columns the measures read. */
  static final StructType APPLICATIONS =
      new StructType()
          .add("ward_code", DataTypes.StringType)
          .add("ward_era", DataTypes.StringType)
          .add("level", DataTypes.IntegerType)
          .add("received_at", DataTypes.TimestampType)
          .add("activated_at", DataTypes.TimestampType);

  /** Silver's dossier columns the measures read. */
  static final StructType DOSSIERS =
      new StructType()
          .add("ward_code", DataTypes.StringType)
          .add("ward_era", DataTypes.StringType)
          .add("service_code", DataTypes.StringType)
          .add("channel", DataTypes.StringType)
          .add("auth_method", DataTypes.StringType)
          .add("submitted_at", DataTypes.TimestampType)
          .add("resolved_at", DataTypes.TimestampType)
          .add("due_at", DataTypes.TimestampType)
          // The portals' 2025 columns: NULL where the row's export had no such column.
          .add("online_scope", DataTypes.StringType)
          .add("fee", DataTypes.StringType)
          .add("result_digitized", DataTypes.BooleanType);

  private GoldRows() {}

  static Timestamp at(String instant) {
    return Timestamp.from(Instant.parse(instant));
  }

  /**
   * The wards of {@link FakeAdminUnits}' province 20 as a run scopes them: {@code ward_code, era,
   * current_ward_code, province_code, district_code}. Old 06004 becomes current 06007; old 06007's
   * primary link is current 06001.
   */
  static Dataset<Row> wardsOfProvince20(SparkSession spark) {
    return Dimensions.wards(spark, FakeAdminUnits.INSTANCE)
        .where("current_province_code = '20'")
        .select("ward_code", "era", "current_ward_code", "province_code", "district_code");
  }
}
