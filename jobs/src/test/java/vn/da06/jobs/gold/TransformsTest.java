package vn.da06.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.da06.jobs.SharedSpark;
import vn.da06.jobs.ingest.BronzeTransforms;
import vn.da06.jobs.silver.SilverTransforms;
import vn.da06.warehouse.Feed;

/** The bronze and silver transforms on rows built in memory. */
class TransformsTest {

  final SparkSession spark = SharedSpark.get();

  @Test
  void readsEveryTimestampFormatOfTheContractInVietnamTime() {
    Dataset<Row> text =
        spark.createDataFrame(
            List.of(
                RowFactory.create("2023-07-10 16:59:59"),
                RowFactory.create("2023-07-10T16:59:59"),
                RowFactory.create("2023-07-10T09:59:59Z".replace("Z", "+00:00")),
                RowFactory.create("2023-07-10T09:59:59.250Z"),
                RowFactory.create("2023-07-10T16:59:59+07:00"),
                RowFactory.create("10/07/2023 16:59"),
                RowFactory.create(""),
                RowFactory.create("2023-02-30 10:00:00"),
                RowFactory.create("2023-07-10 24:00:00"),
                RowFactory.create("2023-07-10 16:59:59+07:00"),
                RowFactory.create("2023-7-10 16:59:59"),
                RowFactory.create("2023-07-10 16:59"),
                RowFactory.create("2023-07-10"),
                RowFactory.create(" 2023-07-10 16:59:59"),
                RowFactory.create((Object) null)),
            new StructType().add("value", DataTypes.StringType));
    List<Row> parsed =
        text.select(
                org.apache.spark.sql.functions.date_format(
                    BronzeTransforms.timestamp(col("value")), "yyyy-MM-dd HH:mm:ss"))
            .collectAsList();
    assertThat(parsed)
        .extracting(r -> r.isNullAt(0) ? null : r.getString(0))
        .containsExactly(
            "2023-07-10 16:59:59",
            "2023-07-10 16:59:59",
            "2023-07-10 16:59:59",
            "2023-07-10 16:59:59",
            "2023-07-10 16:59:59",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
  }

  @Test
  void readsBothDateFormatsOfTheContractAndNothingElse() {
    Dataset<Row> text =
        spark.createDataFrame(
            List.of(
                RowFactory.create("2024-02-29"),
                RowFactory.create("29/02/2024"),
                RowFactory.create("2023-02-29"),
                RowFactory.create("31/04/2024"),
                RowFactory.create("2024-2-9"),
                RowFactory.create("9/2/2024"),
                RowFactory.create("2024/02/29"),
                RowFactory.create("02/29/2024"),
                RowFactory.create("2024-02-29 10:00:00"),
                RowFactory.create(""),
                RowFactory.create((Object) null)),
            new StructType().add("value", DataTypes.StringType));
    List<Row> parsed =
        text.select(BronzeTransforms.date(col("value")).cast("string")).collectAsList();
    assertThat(parsed)
        .extracting(r -> r.isNullAt(0) ? null : r.getString(0))
        .containsExactly(
            "2024-02-29", "2024-02-29", null, null, null, null, null, null, null, null, null);
  }

  @Test
  void theLatestUpdateOfAKeyWinsAndTiesGoToTheRowReadLast() {
    StructType schema =
        new StructType()
            .add("application_id", DataTypes.StringType)
            .add("updated_at", DataTypes.IntegerType)
            .add("source_file", DataTypes.StringType)
            .add("line_number", DataTypes.LongType)
            .add("status", DataTypes.StringType);
    Dataset<Row> rows =
        spark.createDataFrame(
            List.of(
                RowFactory.create("A", 1, "f1", 2L, "RECEIVED"),
                RowFactory.create("A", 3, "f1", 3L, "APPROVED"),
                RowFactory.create("A", 2, "f2", 2L, "REJECTED"),
                RowFactory.create("B", 5, "f1", 9L, "first"),
                RowFactory.create("B", 5, "f2", 1L, "second")),
            schema);
    List<Row> latest =
        SilverTransforms.latest(rows, SilverTransforms.spec(Feed.EID_APPLICATIONS))
            .orderBy("application_id")
            .collectAsList();
    assertThat(latest).extracting(r -> r.getString(4)).containsExactly("APPROVED", "second");
  }

  @Test
  void aControlCharacterInATargetsCampaignQuarantinesTheRowWithItsReason() {
    StructType schema = new StructType();
    for (String column :
        List.of(
            "source_file",
            "source_sha256",
            "row_error",
            "unit_code",
            "metric",
            "target_value",
            "period_start",
            "deadline",
            "campaign")) {
      schema = schema.add(column, DataTypes.StringType);
    }
    schema = schema.add("line_number", DataTypes.LongType);
    List<String> campaigns =
        java.util.Arrays.asList(
            "Chiến dịch cấp và kích hoạt ĐDĐT mức 2, 10/7–31/10/2023",
            null,
            "Chiến dịch\t=HYPERLINK(\"http://evil.example\")",
            "dòng 1\r\n=1+1",
            "tab\u0009",
            "C1\u0085");
    List<Row> raw = new java.util.ArrayList<>();
    for (int i = 0; i < campaigns.size(); i++) {
      raw.add(
          RowFactory.create(
              "targets.csv",
              "sha",
              null,
              "20",
              "online_rate",
              "0.7",
              "2025-07-01",
              "2025-12-31",
              campaigns.get(i),
              (long) i + 2));
    }
    Dataset<Row> known =
        spark.createDataFrame(
            List.of(RowFactory.create("20", "POST_REFORM")),
            new StructType()
                .add("unit_code", DataTypes.StringType)
                .add("era", DataTypes.StringType));
    List<Row> typed =
        BronzeTransforms.targets(spark.createDataFrame(raw, schema), known)
            .orderBy("line_number")
            .collectAsList();
    assertThat(typed)
        .extracting(row -> row.getAs(BronzeTransforms.REASON))
        .containsExactly(
            null,
            null,
            "CONTROL_CHARACTER",
            "CONTROL_CHARACTER",
            "CONTROL_CHARACTER",
            "CONTROL_CHARACTER");
    assertThat(typed.get(2).<String>getAs(BronzeTransforms.DETAIL))
        .isEqualTo("campaign holds a control character (tab, line break or other)");
  }
}
