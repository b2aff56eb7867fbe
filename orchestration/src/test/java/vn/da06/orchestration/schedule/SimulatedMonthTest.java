package vn.da06.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.jobs.generate.Generator;
import vn.da06.jobs.generate.GeneratorOptions;
import vn.da06.jobs.spark.SparkSessions;
import vn.da06.orchestration.report.ReportsConfig;
import vn.da06.orchestration.report.TestReports;
import vn.da06.warehouse.Metric;
import vn.da06.warehouse.Metrics;
import vn.da06.warehouse.Tables;
import vn.da06.warehouse.admin.AdminUnitsLoader;

/**
 * A scheduler left running through a simulated November 2026, by a clock the test advances: the
 * real pipeline runs in-process (the monthly close on the 1st ingests a tiny generated inbox of
 * September–October 2026 with real Spark and Delta), then the real report command, given the
 * scheduler's clock, mails October's monthly report of each unit through a real SMTP server
 * (GreenMail): the province (due on the 8th) and a ward (due on the 15th) each receive it exactly
 * once, before their deadline, and the attached XLSX's figures equal gold. Every task run is a row
 * of ops.job_runs.
 *
 * <p>The daily dag (17:30 ingestion and the daily campaign report) is left out of this month:
 * thirty real no-op ingestions would add minutes and test nothing the monthly dags do not; its
 * schedule, retries and catch-up are tested in SchedulerTest with the same scheduler.
 */
class SimulatedMonthTest {
  static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  static final String PROVINCE = "20";
  static final String PROVINCE_MAIL = "bcd-tinh@langson.test";
  static final String WARD_MAIL = "bcd-xa@langson.test";
  static final String OPERATOR_MAIL = "vanhanh@langson.test";

  @TempDir Path dir;

  GreenMail mail;

  @BeforeEach
  void startMail() {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.start();
  }

  @AfterEach
  void stopMail() {
    mail.stop();
  }

  static Instant vn(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(VN).toInstant();
  }

  @Test
  void eachUnitGetsItsMonthlyReportOnceBeforeItsDeadlineWithFiguresEqualToGold() throws Exception {
    Path inbox = dir.resolve("inbox");
    Path warehouse = dir.resolve("warehouse");
    Generator.generate(
        GeneratorOptions.defaults(inbox)
            .withScale(0.01)
            .withThreads(2)
            .withMonths(YearMonth.of(2026, 9), YearMonth.of(2026, 10)),
        AdminUnitsLoader.load(null));
    String ward =
        AdminUnitsLoader.load(null)
            .wardsOfCurrentProvince(PROVINCE, vn.da06.warehouse.admin.Era.POST_REFORM)
            .get(0)
            .code();
    Path reportsConfig =
        Files.writeString(
            dir.resolve("reports.yaml"),
            """
        smtp: {host: 127.0.0.1, port: %d, tls: none, from: "Ban Chỉ đạo Đề án 06 <bcd06@langson.test>", timeout_seconds: 5}
        retry: {initial_seconds: 0.2, factor: 2, max_seconds: 1, warn_before_deadline_hours: 48}
        units:
          - {code: "%s", recipients: [%s], operator: %s, monthly_due_day: 8}
          - {code: "%s", recipients: [%s], operator: %s, monthly_due_day: 15}
        """
                .formatted(
                    mail.getSmtp().getPort(),
                    PROVINCE,
                    PROVINCE_MAIL,
                    OPERATOR_MAIL,
                    ward,
                    WARD_MAIL,
                    OPERATOR_MAIL));
    Map<String, Integer> dueDays = new HashMap<>();
    ReportsConfig.load(reportsConfig)
        .units()
        .forEach(u -> dueDays.put(u.code(), u.monthlyDueDay()));
    assertThat(dueDays).containsEntry(PROVINCE, 8).containsEntry(ward, 15);

    PipelineDefinition builtIn = PipelineDefinition.builtIn();
    PipelineDefinition month =
        new PipelineDefinition(
            builtIn.zone(),
            builtIn.dags().stream().filter(d -> !d.name().equals("daily")).toList());
    Map<String, String> settings =
        Map.of(
            "inbox",
            inbox.toString(),
            "warehouse",
            warehouse.toString(),
            "reports_out",
            dir.resolve("reports").toString(),
            "reports_config",
            reportsConfig.toString());
    System.setProperty("spark.master", "local[2]");
    System.setProperty("spark.sql.shuffle.partitions", "2");
    System.setProperty("spark.default.parallelism", "2");
    SparkSession spark = SparkSessions.getOrCreate("da06-scheduler-tests");

    MutableClock clock = new MutableClock(vn("2026-10-31T12:00"), VN);
    List<String> reported = new ArrayList<>();
    Map<String, Instant> arrivals = new LinkedHashMap<>();
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler =
          new Scheduler(
              month,
              settings,
              new InProcessTaskRunner(clock),
              new DeltaRunLog(spark, warehouse.toString()),
              state,
              clock,
              (dag, scheduled, problem) -> reported.add(dag + ": " + problem));
      Instant end = vn("2026-11-30T23:59");
      while (clock.instant().isBefore(end)) {
        // As the running loop does: wake at the next due time, and at least every hour.
        Instant next = scheduler.nextWakeUp();
        Instant hourLater = clock.instant().plus(Duration.ofHours(1));
        clock.set(next.isBefore(hourLater) ? next : hourLater);
        scheduler.tick();
        for (MimeMessage message : mail.getReceivedMessages()) {
          arrivals.putIfAbsent(message.getMessageID(), clock.instant());
        }
      }
    }
    assertThat(reported).as("failures and missed deadlines reported").isEmpty();

    Map<String, List<MimeMessage>> byRecipient = new HashMap<>();
    for (MimeMessage message : mail.getReceivedMessages()) {
      byRecipient
          .computeIfAbsent(message.getHeader("To", ","), k -> new ArrayList<>())
          .add(message);
    }
    assertThat(byRecipient.keySet()).containsExactlyInAnyOrder(PROVINCE_MAIL, WARD_MAIL);
    Map<String, String> unitOf = Map.of(PROVINCE_MAIL, PROVINCE, WARD_MAIL, ward);
    for (var entry : byRecipient.entrySet()) {
      String unit = unitOf.get(entry.getKey());
      assertThat(entry.getValue()).as("reports mailed to " + entry.getKey()).hasSize(1);
      MimeMessage message = entry.getValue().get(0);
      assertThat(message.getSubject()).contains("10/2026");
      Instant deadline = vn("2026-11-%02dT00:00".formatted(dueDays.get(unit)));
      assertThat(arrivals.get(message.getMessageID()))
          .as(unit + " arrived before its deadline")
          .isBefore(deadline)
          .isAfter(vn("2026-11-01T02:00"));
      byte[] xlsx = attachment(message, ".xlsx");
      Map<String, Object> sheet = TestReports.kpiSheet(xlsx);
      Map<String, Object> gold = TestReports.unitFigures(warehouse, unit, "2026-10");
      assertThat(gold.get("eid_applications_l2")).as("a month with data").isNotNull();
      for (Metric metric : Metrics.ALL) {
        Object expected = gold.get(metric.column());
        Object actual = sheet.get(metric.column());
        if (expected == null || actual == null) {
          continue;
        }
        if (metric.isRate()) {
          assertThat((Double) actual)
              .as(unit + " " + metric.column())
              .isCloseTo((Double) expected, org.assertj.core.data.Offset.offset(1e-9));
        } else {
          assertThat(((Double) actual).longValue())
              .as(unit + " " + metric.column())
              .isEqualTo(expected);
        }
      }
      assertThat(sheet.get("eid_applications_l2")).as(unit + " sheet has the count").isNotNull();
    }

    List<Row> runs =
        spark
            .read()
            .format("delta")
            .load(Tables.location(warehouse.toString(), Tables.OPS, Tables.JOB_RUNS))
            .where("job <> 'pipeline'")
            .select("job", "outcome")
            .collectAsList();
    assertThat(runs)
        .extracting(r -> r.getString(0) + " " + r.getString(1))
        .containsExactlyInAnyOrder(
            "monthly-close SUCCEEDED",
            "monthly-reports-due-08 SUCCEEDED",
            "monthly-reports-due-15 SUCCEEDED");
  }

  static byte[] attachment(MimeMessage message, String suffix) throws Exception {
    Multipart parts = (Multipart) message.getContent();
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.getFileName() != null && part.getFileName().endsWith(suffix)) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        part.getInputStream().transferTo(out);
        return out.toByteArray();
      }
    }
    throw new AssertionError("no " + suffix + " attachment in " + message.getSubject());
  }
}
