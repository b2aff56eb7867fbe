package vn.da06.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.jobs.SharedSpark;
import vn.da06.jobs.TestInbox;
import vn.da06.jobs.ingest.InboxScanner;
import vn.da06.jobs.ingest.Pseudonymizer;
import vn.da06.jobs.spark.DeltaIo;
import vn.da06.warehouse.Tables;

/**
 * The pipeline on a small hand-made inbox of real Lạng Sơn wards, across the 2025 reform: 06328 (Xã
 * Hữu Vĩnh, pre-reform) merged into 06325 (Xã Bắc Sơn); figures here are counted by hand from the
 * rows below.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {
  static final String HEADER =
      "application_id,citizen_id,ward_code,level,channel,received_at,status,activated_at,updated_at";

  @TempDir static Path dir;
  static SparkSession spark;
  static TestInbox inbox;
  static String warehouse;
  static RunSummary first;
  static final java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();

  @BeforeAll
  static void firstRun() {
    spark = SharedSpark.get();
    // Every plain CSV file of this class is cut after each record and read in parts, so each line
    // number and
    // count asserted below is also one of parts read apart (the other pipeline tests read files
    // whole).
    spark.sparkContext().hadoopConfiguration().setLong(InboxScanner.SPLIT_BYTES, 1);
    inbox = new TestInbox(dir.resolve("inbox"));
    warehouse = dir.resolve("warehouse").toString();
    inbox.write(
        "eid_applications",
        "2025-05.csv",
        HEADER,
        "A0,001090000010,06325,1,OFFICE,2025-03-02 08:00:00,APPROVED,2025-03-03 08:00:00,2025-03-03 08:00:00",
        "A1,001090000001,06325,2,OFFICE,2025-05-10 09:00:00,APPROVED,2025-05-20 10:00:00,2025-05-20 10:00:00",
        "A2,001090000002,06328,2,MOBILE_TEAM,2025-05-11 09:00:00,RECEIVED,,2025-05-11 09:00:00");
    // A later export repeats A2 with its activation after the reform: the later updated_at wins.
    inbox.write(
        "eid_applications",
        "2025-08.csv",
        HEADER,
        "A2,001090000002,06328,2,MOBILE_TEAM,2025-05-11 09:00:00,APPROVED,2025-08-02 10:00:00,2025-08-02 10:00:00",
        "A3,001090000003,06325,1,APP,2025-08-03T09:00:00+07:00,APPROVED,,2025-08-03 09:00:00",
        "A4,001090000004,06325,2,APP,2025-08-03 09:00:00,RECEIVED,,2025-08-03 09:00:00",
        "A5,001090000005,99999,1,APP,2025-08-03 09:00:00,RECEIVED,,2025-08-03 09:00:00",
        "A6,001090000006,06325,1,APP,2025-08-03 09:00:00,REJECTED,2025-08-04 09:00:00,2025-08-04 09:00:00",
        "A7,001090000007,06325,1,APP,2025-08-05 09:00:00,APPROVED,2025-08-04 09:00:00,2025-08-05 09:00:00",
        "A8,001090000008,06325,1,KIOSK,2025-08-05 09:00:00,APPROVED,,2025-08-05 09:00:00",
        "A9,001090000009,06325,1,APP,05-08-2025,APPROVED,,2025-08-05 09:00:00",
        "A10,001090000011,06328,1,APP,2025-08-05 09:00:00,APPROVED,,2025-08-05 09:00:00",
        "A12,001090000013,06337,1,APP,2025-08-05 09:00:00,APPROVED,,2025-08-05 09:00:00");
    inbox.write(
        "service_dossiers",
        "d.csv",
        "DOSSIER_ID,service_code,ward_code,channel,auth_method,submitted_at,due_at,resolved_at,status,updated_at,note",
        "D1,ES03,06325,ONLINE,VNEID,2025-08-01 08:00:00,2025-08-10 17:00:00,2025-08-05 08:00:00,RESOLVED,2025-08-05 08:00:00,\"a, quoted\"",
        "D2,TTHC-1.000001,06325,COUNTER,NONE,2025-08-01 08:00:00,2025-08-02 17:00:00,2025-08-06 08:00:00,RESOLVED,2025-08-06 08:00:00,x",
        "D3,ES09,06325,ONLINE,PORTAL,2025-08-02 08:00:00,,,PROCESSING,2025-08-02 08:00:00,y");
    // A 2025 export with the portals' optional columns (upper case, in another order): July at
    // 06325. D7's empty online_scope counts as not FULL; D8-D11 are quarantined.
    inbox.write(
        "service_dossiers",
        "d-2025.csv",
        "dossier_id,FEE,service_code,ward_code,channel,auth_method,submitted_at,due_at,resolved_at,status,updated_at,Result_Digitized,online_scope",
        "D4,PAID_ONLINE,ES03,06325,ONLINE,VNEID,2025-07-01 08:00:00,2025-07-10 17:00:00,2025-07-05 08:00:00,RESOLVED,2025-07-05 08:00:00,true,FULL",
        "D5,paid_offline,ES09,06325,ONLINE,PORTAL,2025-07-02 08:00:00,2025-07-10 17:00:00,2025-07-06 08:00:00,RESOLVED,2025-07-06 08:00:00,FALSE,PARTIAL",
        "D6,NONE,ES09,06325,COUNTER,NONE,2025-07-03 08:00:00,,,PROCESSING,2025-07-03 08:00:00,true,",
        "D7,,ES09,06325,ONLINE,VNEID,2025-07-04 08:00:00,,,RECEIVED,2025-07-04 08:00:00,,",
        "D8,NONE,ES09,06325,ONLINE,VNEID,2025-07-04 08:00:00,,,RECEIVED,2025-07-04 08:00:00,,TOAN_TRINH",
        "D9,NONE,ES09,06325,COUNTER,NONE,2025-07-04 08:00:00,,,RECEIVED,2025-07-04 08:00:00,,FULL",
        "D10,CASH,ES09,06325,COUNTER,NONE,2025-07-04 08:00:00,,,RECEIVED,2025-07-04 08:00:00,,",
        "D11,NONE,ES09,06325,COUNTER,NONE,2025-07-04 08:00:00,2025-07-10 17:00:00,2025-07-05 08:00:00,RESOLVED,2025-07-05 08:00:00,yes,");
    inbox.write(
        "population",
        "2025-06-30.csv",
        "snapshot_date,citizen_id,full_name,birth_date,sex,ward_code,residence_type,has_chip_card,is_deceased,last_verified_at",
        "2025-06-30,020090000001,Nguyễn Văn An,1990-01-01,M,06325,PERMANENT,true,false,2025-01-01",
        "2025-06-30,020090000001,Nguyễn Văn An,1990-01-01,M,06328,TEMPORARY,true,false,2025-01-01",
        "30/06/2025,020112000002,Trần Thị Bình,2012-07-01,F,06328,PERMANENT,false,false,",
        "2025-06-30,,Lê Văn Cường,1980-05-05,M,06328,PERMANENT,true,false,2025-06-01",
        "2025-06-30,020080000004,Phạm Thị Dung,1980-05-05,F,06328,PERMANENT,true,true,2025-06-01",
        "2025-06-30,020180000005,Hoàng Văn Em,1980-05-05,M,12345,PERMANENT,true,false,2025-06-01");
    inbox.write(
        "daily_reports",
        "r.csv",
        "ward_code,report_date,submitted_at,l2_applications,l2_activations",
        "06325,2025-05-10,2025-05-10 16:30:00,1,0",
        "06328,2025-05-11,2025-05-11 17:30:00,0,0");
    inbox.write(
        "targets",
        "t.csv",
        "unit_code,metric,target_value,period_start,deadline,campaign",
        "06325,eid_activations_l2_cum,10,2025-07-01,2025-12-31,\"Chiến dịch 2025, đợt 2\"",
        "20,online_rate,0.7,2025-01-01,2025-12-31,",
        "06325,no_such_metric,1,2025-07-01,2025-12-31,");
    inbox.writeBytes("targets", "chi-tieu.xlsx", excelTargets());
    // Whole-file rejections, each with the file named and the fix.
    inbox.writeBytes(
        "eid_applications", "utf16.csv", (HEADER + "\n").getBytes(StandardCharsets.UTF_16));
    inbox.write(
        "eid_applications",
        "missing.csv",
        "application_id,citizen_id,ward_code,level,channel,status,updated_at",
        "X,1,2,3,4,5,6");
    inbox.write("eid_applications", "semicolon.csv", HEADER.replace(',', ';'), "A;B");
    inbox.writeBytes("eid_applications", "empty.csv", new byte[0]);
    byte[] gz =
        TestInbox.gzip(
            HEADER
                + "\nA1,001090000001,06325,2,OFFICE,2025-05-10 09:00:00,APPROVED,,2025-05-20 10:00:00\n");
    inbox.writeBytes("eid_applications", "truncated.csv.gz", Arrays.copyOf(gz, gz.length - 12));
    // "Sơn" as Windows-1258 writes it: ơ is the single byte 0xF5, which UTF-8 never allows.
    byte[] latin =
        (HEADER + "\nA1,001090000001,06325,2,OFFICE,2025-05-10 09:00:00,APPROVED,,S?n\n")
            .getBytes(StandardCharsets.US_ASCII);
    latin[latin.length - 3] = (byte) 0xF5;
    inbox.writeBytes("eid_applications", "latin.csv", latin);
    first = run();
  }

  @AfterAll
  static void readFilesWholeAgain() {
    spark.sparkContext().hadoopConfiguration().unset(InboxScanner.SPLIT_BYTES);
  }

  /**
   * A targets workbook as a committee office saves it from Excel: real dates and numbers in the
   * cells.
   */
  static byte[] excelTargets() {
    try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
        var out = new java.io.ByteArrayOutputStream()) {
      var sheet = workbook.createSheet("Chỉ tiêu");
      String[] header = {
        "Unit_Code", "metric", "target_value", "period_start", "deadline", "campaign"
      };
      var first = sheet.createRow(0);
      for (int i = 0; i < header.length; i++) {
        first.createCell(i).setCellValue(header[i]);
      }
      var dates = workbook.createCellStyle();
      dates.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
      var row = sheet.createRow(1);
      row.createCell(0).setCellValue("06337");
      row.createCell(1).setCellValue("eid_applications_l1_cum");
      row.createCell(2).setCellValue(4);
      var start = row.createCell(3);
      start.setCellValue(java.time.LocalDate.of(2025, 7, 1));
      start.setCellStyle(dates);
      var deadline = row.createCell(4);
      deadline.setCellValue(java.time.LocalDate.of(2025, 9, 30));
      deadline.setCellStyle(dates);
      row.createCell(5).setCellValue("Chiến dịch mức 1");
      workbook.write(out);
      return out.toByteArray();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static RunSummary run() {
    Pseudonymizer pseudonymizer =
        new Pseudonymizer("test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
    var progress =
        new Progress(
            new java.io.PrintStream(
                new org.apache.commons.io.output.TeeOutputStream(log, System.out),
                true,
                StandardCharsets.UTF_8));
    return new Pipeline(
            spark,
            new Pipeline.Options(inbox.root().toString(), warehouse),
            pseudonymizer,
            progress)
        .run();
  }

  static Row kpi(String table, String ward, String month) {
    List<Row> rows =
        new DeltaIo(spark, warehouse)
            .read(Tables.GOLD, table)
            .where(col("ward_code").equalTo(ward).and(col("month").equalTo(month)))
            .collectAsList();
    assertThat(rows).as("%s %s %s", table, ward, month).hasSize(1);
    return rows.get(0);
  }

  @Test
  @Order(1)
  void rejectsWholeFilesNamingTheFileAndTheFix() {
    Map<String, String> rejected =
        first.files().stream()
            .filter(f -> f.status().equals("REJECTED"))
            .collect(
                Collectors.toMap(RunSummary.FileOutcome::file, RunSummary.FileOutcome::message));
    assertThat(rejected)
        .containsOnlyKeys(
            "eid_applications/utf16.csv",
            "eid_applications/missing.csv",
            "eid_applications/semicolon.csv",
            "eid_applications/empty.csv",
            "eid_applications/truncated.csv.gz",
            "eid_applications/latin.csv");
    assertThat(rejected.get("eid_applications/utf16.csv"))
        .isEqualTo(
            "Cannot ingest eid_applications/utf16.csv: it is UTF-16 encoded (export it as CSV UTF-8)");
    assertThat(rejected.get("eid_applications/missing.csv"))
        .contains("required column 'received_at' is missing");
    assertThat(rejected.get("eid_applications/semicolon.csv"))
        .contains("not comma-separated")
        .contains("';'");
    assertThat(rejected.get("eid_applications/empty.csv")).contains("is empty");
    assertThat(rejected.get("eid_applications/truncated.csv.gz")).contains("truncated gzip");
    assertThat(rejected.get("eid_applications/latin.csv")).contains("not UTF-8").contains("line 2");
  }

  @Test
  @Order(2)
  void quarantinesRowsWithAReasonAndCountsEveryRow() {
    DeltaIo io = new DeltaIo(spark, warehouse);
    Map<String, Long> reasons =
        io
            .read(Tables.OPS, Tables.QUARANTINE)
            .where(col("feed").equalTo("eid_applications"))
            .groupBy("reason_code")
            .count()
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
    assertThat(reasons)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "LEVEL2_VIA_APP",
                1L,
                "UNKNOWN_WARD",
                2L,
                "ACTIVATED_WHEN_REJECTED",
                1L,
                "ACTIVATED_BEFORE_RECEIVED",
                1L,
                "BAD_ENUM",
                1L,
                "UNPARSEABLE_VALUE",
                1L));
    Row line =
        io.read(Tables.OPS, Tables.QUARANTINE)
            .where(
                col("reason_code")
                    .equalTo("UNPARSEABLE_VALUE")
                    .and(col("feed").equalTo("eid_applications")))
            .head();
    assertThat(line.<String>getAs("file")).isEqualTo("eid_applications/2025-08.csv");
    assertThat(line.<Long>getAs("line_number")).isEqualTo(9L);
    assertThat(line.<String>getAs("detail"))
        .contains("received_at '05-08-2025' is not a timestamp");
    // Population: only the unknown ward is quarantined; the other defects are measured.
    assertThat(
            io.read(Tables.OPS, Tables.QUARANTINE).where(col("feed").equalTo("population")).count())
        .isEqualTo(1);
    assertThat(
            io.read(Tables.OPS, Tables.QUARANTINE)
                .where(col("feed").equalTo("targets"))
                .head()
                .<String>getAs("reason_code"))
        .isEqualTo("UNKNOWN_CODE");
    for (Row file :
        io.read(Tables.OPS, Tables.INGESTED_FILES)
            .where(col("status").equalTo("INGESTED"))
            .collectAsList()) {
      assertThat(file.<Long>getAs("rows_read"))
          .isEqualTo(file.<Long>getAs("rows_accepted") + file.<Long>getAs("rows_quarantined"));
    }
    assertThat(first.feeds().get("eid_applications"))
        .isEqualTo(new RunSummary.FeedCounts(13, 6, 7));
    // service_dossiers: the old file (no 2025 columns) loads whole; the 2025 file's bad values
    // are quarantined with the contract's codes.
    Map<String, String> dossierReasons =
        io
            .read(Tables.OPS, Tables.QUARANTINE)
            .where(col("feed").equalTo("service_dossiers"))
            .collectAsList()
            .stream()
            .collect(
                Collectors.toMap(
                    r -> r.<Long>getAs("line_number").toString(),
                    r -> r.<String>getAs("reason_code") + ": " + r.<String>getAs("detail")));
    assertThat(dossierReasons)
        .containsOnlyKeys("6", "7", "8", "9")
        .hasEntrySatisfying("6", reason -> assertThat(reason).startsWith("BAD_ENUM: online_scope"))
        .hasEntrySatisfying(
            "7",
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "IMPOSSIBLE_VALUE: online_scope FULL is set on a dossier whose channel is"
                            + " COUNTER (only ONLINE dossiers have one)"))
        .hasEntrySatisfying(
            "8",
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "BAD_ENUM: fee 'CASH' is not one of NONE, PAID_ONLINE, PAID_OFFLINE (or"
                            + " empty)"))
        .hasEntrySatisfying(
            "9", reason -> assertThat(reason).startsWith("BAD_ENUM: result_digitized 'yes'"));
    assertThat(first.feeds().get("service_dossiers"))
        .isEqualTo(new RunSummary.FeedCounts(11, 7, 4));
    assertThat(
            first.files().stream()
                .filter(f -> f.file().equals("service_dossiers/d.csv"))
                .findFirst()
                .orElseThrow()
                .message())
        .isEqualTo("extra columns ignored: note");
  }

  @Test
  @Order(3)
  void countsEventsAtTheWardOfTheirTimeAcrossTheReform() {
    Row may06325 = kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-05");
    assertThat(may06325.<Long>getAs("eid_applications_l2")).isEqualTo(1);
    assertThat(may06325.<Long>getAs("eid_activations_l2")).isEqualTo(1);
    assertThat(may06325.<Long>getAs("eid_activations_l1_cum")).isEqualTo(1); // A0 in March
    Row may06328 = kpi(Tables.WARD_MONTH_KPIS, "06328", "2025-05");
    assertThat(may06328.<Long>getAs("eid_applications_l2")).isEqualTo(1);
    assertThat(may06328.<Long>getAs("eid_activations_l2")).isEqualTo(0);
    // August: A2 (received at old 06328) is activated after the reform, so it counts at today's
    // 06325.
    Row aug = kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-08");
    assertThat(aug.<Long>getAs("eid_activations_l2")).isEqualTo(1);
    assertThat(aug.<Long>getAs("eid_applications_l1"))
        .isEqualTo(1); // A3; A10 names 06328, gone since July
    assertThat(aug.<Long>getAs("eid_applications_l2_cum")).isEqualTo(2);
    assertThat(aug.<Long>getAs("eid_activations_l2_cum")).isEqualTo(2);
    assertThat(aug.<Double>getAs("eid_activation_rate")).isEqualTo(3.0 / 4.0);
    assertThat(
            new DeltaIo(spark, warehouse)
                .read(Tables.GOLD, Tables.WARD_MONTH_KPIS)
                .where(col("ward_code").equalTo("06328").and(col("month").geq("2025-07")))
                .count())
        .isZero();
    // Today's wards: May's events of 06328 already sit at 06325.
    Row current = kpi(Tables.WARD_MONTH_KPIS_CURRENT, "06325", "2025-05");
    assertThat(current.<Long>getAs("eid_applications_l2")).isEqualTo(2);
    assertThat(current.<Long>getAs("eid_activations_l2")).isEqualTo(1);
  }

  @Test
  @Order(4)
  void keepsNationalTotalsEqualInBothWardLists() {
    DeltaIo io = new DeltaIo(spark, warehouse);
    List<String> counts = vn.da06.warehouse.Metrics.counts().stream().map(m -> m.column()).toList();
    var sums =
        counts.stream()
            .map(c -> org.apache.spark.sql.functions.sum(c).as(c))
            .toArray(org.apache.spark.sql.Column[]::new);
    List<Row> asOf =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS)
            .groupBy("month")
            .agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length))
            .orderBy("month")
            .collectAsList();
    List<Row> current =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS_CURRENT)
            .groupBy("month")
            .agg(sums[0], Arrays.copyOfRange(sums, 1, sums.length))
            .orderBy("month")
            .collectAsList();
    assertThat(current).isEqualTo(asOf);
    assertThat(asOf)
        .extracting(r -> r.getString(0))
        .containsExactly("2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08");
  }

  @Test
  @Order(5)
  void measuresPopulationAndServices() {
    Row june = kpi(Tables.WARD_MONTH_KPIS, "06328", "2025-06");
    assertThat(june.<Long>getAs("dq_records")).isEqualTo(4);
    // An's second listing is at 06328 (TEMPORARY): he counts once, at his PERMANENT ward 06325.
    assertThat(june.<Long>getAs("eligible_population"))
        .isEqualTo(0); // Bình is under 14, Cường has no id, Dung is deceased
    assertThat(kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-06").<Long>getAs("eligible_population"))
        .isEqualTo(1);
    assertThat(june.<Long>getAs("dq_unclean")).isEqualTo(1); // An listed twice
    assertThat(june.<Long>getAs("dq_incomplete")).isEqualTo(1); // Cường: no citizen_id
    // Cường's empty id; Dung's 4th digit says male; Bình's (born 2012) says born in the 1900s.
    assertThat(june.<Long>getAs("dq_incorrect")).isEqualTo(3);
    assertThat(june.<Long>getAs("dq_stale")).isEqualTo(1); // Bình never verified
    assertThat(june.<Long>getAs("dq_clean_records")).isEqualTo(0);
    // July reads June's snapshot on today's wards; data quality is NULL without a snapshot in the
    // month.
    Row july = kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-07");
    assertThat(july.<Long>getAs("eligible_population")).isEqualTo(1);
    assertThat(july.<Long>getAs("dq_records")).isNull();
    assertThat(july.<Double>getAs("eid_l2_coverage_rate")).isEqualTo(1.0);
    Row aug = kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-08");
    assertThat(aug.<Long>getAs("dossiers_total")).isEqualTo(3);
    assertThat(aug.<Long>getAs("dossiers_online")).isEqualTo(2);
    assertThat(aug.<Long>getAs("essential_dossiers_total")).isEqualTo(2);
    assertThat(aug.<Long>getAs("dossiers_online_vneid")).isEqualTo(1);
    assertThat(aug.<Double>getAs("online_rate")).isEqualTo(2.0 / 3.0);
    assertThat(aug.<Long>getAs("dossiers_resolved")).isEqualTo(2);
    assertThat(aug.<Long>getAs("dossiers_resolved_on_time")).isEqualTo(1);
    assertThat(aug.<Double>getAs("on_time_rate")).isEqualTo(0.5);
    // August's dossiers came only in an export without the 2025 columns: NULL, not 0 %.
    for (String column :
        List.of(
            "dossiers_online_full",
            "online_full_rate",
            "dossiers_fee_paid_online",
            "online_payment_rate",
            "dossiers_resolved_digitized",
            "digitized_result_rate")) {
      assertThat(aug.isNullAt(aug.fieldIndex(column))).as(column).isTrue();
    }
    // July's came in a 2025 export: D4 toàn trình of D4-D7; D4 paid online of D4, D5 paid; D4's
    // result digitised of D4, D5 resolved.
    Row julyServices = kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-07");
    assertThat(julyServices.<Long>getAs("dossiers_total")).isEqualTo(4);
    assertThat(julyServices.<Long>getAs("dossiers_online_full")).isEqualTo(1);
    assertThat(julyServices.<Double>getAs("online_full_rate")).isEqualTo(0.25);
    assertThat(julyServices.<Long>getAs("dossiers_fee_paid_online")).isEqualTo(1);
    assertThat(julyServices.<Long>getAs("dossiers_fee_paid")).isEqualTo(2);
    assertThat(julyServices.<Double>getAs("online_payment_rate")).isEqualTo(0.5);
    assertThat(julyServices.<Long>getAs("dossiers_resolved_digitized")).isEqualTo(1);
    assertThat(julyServices.<Double>getAs("digitized_result_rate")).isEqualTo(0.5);
    // Silver keeps the columns: NULL where the export had none, as typed where it had.
    Map<String, String> silver =
        new DeltaIo(spark, warehouse)
            .read(Tables.SILVER, "service_dossiers").collectAsList().stream()
                .collect(
                    Collectors.toMap(
                        r -> r.<String>getAs("dossier_id"),
                        r ->
                            r.getAs("online_scope")
                                + "/"
                                + r.getAs("fee")
                                + "/"
                                + r.getAs("result_digitized")));
    assertThat(silver)
        .containsEntry("D1", "null/null/null")
        .containsEntry("D5", "PARTIAL/PAID_OFFLINE/false")
        .containsEntry("D7", "//false");
  }

  @Test
  @Order(6)
  void checksDailyReportsAndTargets() {
    DeltaIo io = new DeltaIo(spark, warehouse);
    Map<String, String> status =
        io.read(Tables.GOLD, Tables.DAILY_REPORT_CHECK).collectAsList().stream()
            .collect(
                Collectors.toMap(
                    r -> r.getString(0) + "@" + r.getDate(1), r -> r.<String>getAs("status")));
    assertThat(status)
        .containsEntry("06325@2025-05-10", "ON_TIME")
        .containsEntry("06328@2025-05-11", "LATE")
        .containsEntry("06328@2025-05-10", "MISSING")
        .containsEntry("06325@2025-05-11", "MISSING");
    Row late =
        io.read(Tables.GOLD, Tables.DAILY_REPORT_CHECK)
            .where(col("ward_code").equalTo("06328").and(col("report_date").equalTo("2025-05-11")))
            .head();
    assertThat(late.<Long>getAs("system_l2_applications")).isEqualTo(1);
    assertThat(late.<Long>getAs("diff_l2_applications")).isEqualTo(-1);
    Row target =
        io.read(Tables.GOLD, Tables.TARGET_PROGRESS)
            .where(col("unit_code").equalTo("06325").and(col("as_of_month").equalTo("2025-08")))
            .head();
    assertThat(target.<Double>getAs("actual")).isEqualTo(2.0);
    assertThat(target.<Double>getAs("attainment")).isEqualTo(0.2);
    assertThat(target.<String>getAs("campaign")).isEqualTo("Chiến dịch 2025, đợt 2");
    assertThat(target.<Boolean>getAs("on_track")).isFalse();
    Row fromExcel =
        io.read(Tables.GOLD, Tables.TARGET_PROGRESS)
            .where(col("unit_code").equalTo("06337").and(col("as_of_month").equalTo("2025-08")))
            .head();
    assertThat(fromExcel.<Double>getAs("actual")).isEqualTo(1.0); // A12
    assertThat(fromExcel.<Double>getAs("target_value")).isEqualTo(4.0);
    assertThat(fromExcel.getDate(fromExcel.fieldIndex("deadline")).toString())
        .isEqualTo("2025-09-30");
    Row province =
        io.read(Tables.GOLD, Tables.TARGET_PROGRESS)
            .where(col("unit_code").equalTo("20").and(col("as_of_month").equalTo("2025-08")))
            .head();
    assertThat(province.<Double>getAs("actual")).isEqualTo(2.0 / 3.0);
  }

  @Test
  @Order(7)
  void skipsFilesAlreadyIngestedAndLeavesGoldAsItWas() {
    DeltaIo io = new DeltaIo(spark, warehouse);
    long before = io.version(Tables.GOLD, Tables.WARD_MONTH_KPIS);
    List<Row> gold =
        io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS).orderBy("ward_code", "month").collectAsList();
    RunSummary again = run();
    assertThat(again.count("INGESTED")).isZero();
    assertThat(again.count("SKIPPED")).isEqualTo(first.files().size());
    assertThat(io.version(Tables.GOLD, Tables.WARD_MONTH_KPIS)).isEqualTo(before);
    assertThat(
            io.read(Tables.GOLD, Tables.WARD_MONTH_KPIS)
                .orderBy("ward_code", "month")
                .collectAsList())
        .isEqualTo(gold);
  }

  @Test
  @Order(8)
  void lateDataCorrectsItsMonthAndEveryLaterCumulativeOnly() throws Exception {
    DeltaIo io = new DeltaIo(spark, warehouse);
    Path march = Path.of(io.path(Tables.GOLD, Tables.WARD_MONTH_KPIS), "month=2025-03");
    List<String> marchFiles = list(march);
    inbox.write(
        "eid_applications",
        "late-2025-05.csv",
        HEADER,
        "A11,001090000012,06328,2,OFFICE,2025-05-20 09:00:00,APPROVED,2025-05-21 09:00:00,2025-05-21 09:00:00");
    RunSummary late = run();
    assertThat(late.goldFromMonth()).isEqualTo("2025-05");
    assertThat(kpi(Tables.WARD_MONTH_KPIS, "06328", "2025-05").<Long>getAs("eid_applications_l2"))
        .isEqualTo(2);
    assertThat(
            kpi(Tables.WARD_MONTH_KPIS, "06325", "2025-08").<Long>getAs("eid_activations_l2_cum"))
        .isEqualTo(3);
    assertThat(list(march)).isEqualTo(marchFiles);
  }

  @Test
  @Order(9)
  void keepsNoRawPersonalDataInAnyTableOrLog() {
    List<String> raw =
        List.of(
            "001090000001",
            "001090000002",
            "020090000001",
            "020112000002",
            "Nguyễn Văn An",
            "Trần Thị Bình");
    DeltaIo io = new DeltaIo(spark, warehouse);
    for (String layer : List.of(Tables.BRONZE, Tables.SILVER, Tables.GOLD, Tables.OPS)) {
      for (Path table :
          list(Path.of(warehouse, layer)).stream()
              .map(name -> Path.of(warehouse, layer, name))
              .toList()) {
        var df = spark.read().format("delta").load(table.toString());
        org.apache.spark.sql.Column any = org.apache.spark.sql.functions.lit(false);
        for (var field : df.schema().fields()) {
          if (field.dataType() instanceof org.apache.spark.sql.types.StringType) {
            for (String value : raw) {
              any =
                  any.or(
                      org.apache.spark.sql.functions.coalesce(
                          col(field.name()).contains(value),
                          org.apache.spark.sql.functions.lit(false)));
            }
          }
        }
        assertThat(df.where(any).count())
            .as("rows of %s holding raw personal data", table)
            .isZero();
      }
    }
    String output = log.toString(StandardCharsets.UTF_8);
    assertThat(output).contains("bronze eid_applications");
    raw.forEach(value -> assertThat(output).doesNotContain(value));
  }

  static List<String> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith(".") && !n.startsWith("_"))
          .sorted()
          .toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
