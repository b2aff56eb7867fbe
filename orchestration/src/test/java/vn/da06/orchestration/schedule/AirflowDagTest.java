package vn.da06.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.da06.orchestration.airflow.AirflowHome;

/**
 * The Airflow DAG file ({@code orchestration/airflow/dags/da06.py}) on the real, pinned Apache
 * Airflow 3.3 ({@link vn.da06.orchestration.airflow.AirflowVenv}, created on first use) against the
 * pipeline definition the embedded scheduler runs: Airflow imports it without errors and lists the
 * four DAGs; what Airflow parsed (its DagBag, dumped by {@code airflow/dump_dags.py}) has the
 * definition's crons and time zone, one SparkSubmitOperator per task with a real main class whose
 * arguments, rendered by Airflow's own templating, equal the scheduler's and pass that class's
 * picocli parser (parsed, not run), the same dependencies, sensors whose execution_delta lands on
 * the upstream dag's scheduled time, and one DeadlineAlert per DAG at the definition's deadline.
 * And a real missed deadline: a run triggered for a past month, left unfinished, makes Airflow's
 * scheduler call the alert, which mails the operators through a real SMTP server (GreenMail). The
 * DAGs run for real (spark-submit on a cluster) in {@code SparkSubmitIT}. python3 is required: the
 * test fails without it.
 */
class AirflowDagTest {
  static final Path PROJECT = Path.of(System.getProperty("da06.project.dir", ".."));
  static final Path DAGS = PROJECT.resolve("orchestration/airflow/dags");
  static final PipelineDefinition DEFINITION = PipelineDefinition.builtIn();
  static final Map<String, String> SETTINGS =
      Map.of(
          "inbox",
          "hdfs://nn:8020/da06/inbox",
          "warehouse",
          "hdfs://nn:8020/da06/warehouse",
          "reports_out",
          "/srv/da06/reports",
          "reports_config",
          "/srv/da06/reports.yaml");
  static final String SMTP_PASSWORD = "smtp-secret-never-logged-42";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static GreenMail mail;
  static Path reportsConfig;
  static AirflowHome airflow;

  /** What Airflow's DagBag parsed. */
  static JsonNode parsed;

  /** Each dag's next scheduled time after 5 August 2025 (the runs whose arguments are rendered). */
  static final Map<String, Instant> RUN_AT = new LinkedHashMap<>();

  @BeforeAll
  static void parseTheDagFileWithAirflow() throws Exception {
    mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
    mail.setUser("bcd06@langson.test", "bcd06@langson.test", SMTP_PASSWORD);
    mail.start();
    reportsConfig =
        Files.writeString(
            dir.resolve("reports.yaml"),
            """
            smtp: {host: 127.0.0.1, port: %d, tls: none, user: bcd06@langson.test, password_env: DA06_TEST_SMTP_PASSWORD, from: "Ban Chỉ đạo Đề án 06 <bcd06@langson.test>", timeout_seconds: 5}
            units:
              - {code: "20", recipients: [tinh@langson.test], operator: vanhanh@langson.test, monthly_due_day: 8}
              - {code: "06325", recipients: [xa@langson.test], operator: trucban@langson.test, monthly_due_day: 15}
              - {code: "06076", recipients: [xa2@langson.test], operator: vanhanh@langson.test, monthly_due_day: 15}
            """
                .formatted(mail.getSmtp().getPort()));
    Map<String, String> variables = new HashMap<>();
    SETTINGS.forEach((name, value) -> variables.put("da06_" + name, value));
    // Also where the deadline alert finds the operators.
    variables.put("da06_reports_config", reportsConfig.toString());
    variables.put("da06_jobs_jar", "/opt/da06/da06-jobs.jar");
    variables.put("da06_pseudonym_key_file", "/srv/da06/pseudonym.key");
    airflow =
        AirflowHome.create(
            dir.resolve("airflow"),
            new AirflowHome.Settings(
                variables,
                "spark://127.0.0.1:7077",
                Map.of(),
                Map.of("DA06_TEST_SMTP_PASSWORD", SMTP_PASSWORD)));
    Instant after = LocalDate.of(2025, 8, 5).atTime(7, 0).atZone(DEFINITION.zone()).toInstant();
    for (DagDefinition dag : DEFINITION.dags()) {
      RUN_AT.put(dag.name(), dag.schedule().next(after));
    }
    Path dump = dir.resolve("dags.json");
    List<String> args = new ArrayList<>(List.of(DAGS.toString(), dump.toString()));
    RUN_AT.values().forEach(t -> args.add(t.toString()));
    airflow.python(
        Duration.ofMinutes(3),
        Path.of(AirflowDagTest.class.getResource("/airflow/dump_dags.py").toURI()),
        args.toArray(String[]::new));
    parsed = JSON.readTree(dump.toFile());
    // Into the database, as the DAG processor would: what the CLI commands below list.
    airflow.airflow(Duration.ofMinutes(3), "dags", "reserialize");
  }

  @AfterAll
  static void stopTheMailServer() {
    if (mail != null) {
      mail.stop();
    }
  }

  @Test
  void theCommittedJsonBesideTheDagIsTheDefinitionsExport() throws IOException {
    assertThat(Files.readString(DAGS.resolve("da06_pipeline.json")))
        .as("da06_pipeline.json is stale: run ./da06 scheduler export-airflow")
        .isEqualTo(DEFINITION.toAirflowJson());
  }

  @Test
  void airflowImportsTheDagFileWithoutErrorsAndListsTheFourDags() throws Exception {
    assertThat(parsed.get("import_errors").size())
        .as(parsed.get("import_errors").toString())
        .isZero();
    JsonNode errors =
        JSON.readTree(
            jsonOf(
                airflow.airflow(
                    Duration.ofMinutes(2), "dags", "list-import-errors", "-o", "json")));
    assertThat(errors).as(errors.toString()).isEmpty();
    JsonNode listed =
        JSON.readTree(jsonOf(airflow.airflow(Duration.ofMinutes(2), "dags", "list", "-o", "json")));
    List<String> ids = new ArrayList<>();
    listed.forEach(d -> ids.add(d.get("dag_id").asText()));
    assertThat(ids).containsExactlyInAnyOrderElementsOf(dagIds());
    listed.forEach(
        d -> assertThat(d.get("fileloc").asText()).endsWith("orchestration/airflow/dags/da06.py"));
  }

  @Test
  void buildsOneDagPerDefinitionDagWithTheSameScheduleAndTimeZone() {
    assertThat(parsed.get("dags"))
        .extracting(d -> d.get("dag_id").asText())
        .containsExactlyInAnyOrderElementsOf(dagIds());
    for (DagDefinition dag : DEFINITION.dags()) {
      JsonNode built = dag(dag);
      assertThat(built.get("timetable").asText()).isEqualTo("CronTriggerTimetable");
      assertThat(built.get("schedule").asText())
          .as(dag.name())
          .isEqualTo(dag.schedule().expression());
      assertThat(built.get("timetable_timezone").asText())
          .isEqualTo(built.get("timezone").asText())
          .isEqualTo(DEFINITION.zone().getId())
          .isEqualTo("Asia/Ho_Chi_Minh");
      assertThat(built.get("catchup").asBoolean()).isFalse();
      assertThat(built.get("max_active_runs").asInt()).isEqualTo(1);
    }
  }

  @Test
  void everyTaskSubmitsARealMainClassWithArgumentsAirflowRendersAsTheScheduler() throws Exception {
    int checked = 0;
    for (DagDefinition dag : DEFINITION.dags()) {
      Map<String, JsonNode> operators = operators(dag(dag), "SparkSubmitOperator");
      assertThat(operators.keySet())
          .containsExactlyInAnyOrderElementsOf(
              dag.tasks().stream().map(TaskDefinition::name).toList());
      Instant runAt = RUN_AT.get(dag.name());
      for (TaskDefinition task : dag.tasks()) {
        JsonNode op = operators.get(task.name());
        assertThat(op.get("module").asText())
            .isEqualTo("airflow.providers.apache.spark.operators.spark_submit");
        assertThat(op.get("java_class").asText()).isEqualTo(task.mainClass());
        Class<?> mainClass = Class.forName(task.mainClass());
        assertThat(op.get("application").asText()).isEqualTo("{{ var.value.da06_jobs_jar }}");
        assertThat(op.get("conn_id").asText()).isEqualTo("spark_default");
        assertThat(op.get("name").asText()).isEqualTo(dagId(dag) + "." + task.name());
        assertThat(op.get("conf").get("spark.sql.extensions").asText())
            .isEqualTo("io.delta.sql.DeltaSparkSessionExtension");
        assertThat(op.get("env_vars").get("DA06_PSEUDONYM_KEY_FILE").asText())
            .isEqualTo("{{ var.value.da06_pseudonym_key_file }}");
        assertThat(op.get("env_vars").get("DA06_STATE_DIR").asText())
            .isEqualTo("{{ var.value.get('da06_state_dir', '') }}");
        assertThat(op.get("retries").asInt()).isEqualTo(task.retries());
        assertThat(op.get("retry_delay").get("timedelta_seconds").asLong())
            .isEqualTo(task.retryBackoff().getSeconds());
        List<String> airflowArgs = new ArrayList<>();
        op.get("rendered_args").get(runAt.toString()).forEach(a -> airflowArgs.add(a.asText()));
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("reports_config", reportsConfig.toString());
        List<String> schedulerArgs = DEFINITION.render(task, runAt, settings);
        assertThat(airflowArgs).as(task.name()).isEqualTo(schedulerArgs);
        assertThat(String.join(" ", airflowArgs))
            .as("the pseudonym key never on the command line")
            .doesNotContain("pseudonym");
        // Parse only: picocli reads the arguments into the command objects without running them.
        CommandLine.ParseResult result =
            ArgumentCheck.parse(task.name(), mainClass.getName(), airflowArgs);
        assertThat(result.subcommand().unmatched()).isEmpty();
        assertThat(result.subcommand().commandSpec().name()).isEqualTo(airflowArgs.get(0));
        checked++;
      }
    }
    assertThat(checked)
        .isEqualTo(DEFINITION.dags().stream().mapToInt(d -> d.tasks().size()).sum())
        .isPositive();
  }

  @Test
  void dependenciesAreTheDefinitionsAndSensorsWaitForTheUpstreamDagsScheduledTime() {
    for (DagDefinition dag : DEFINITION.dags()) {
      JsonNode built = dag(dag);
      Set<List<String>> expected = new HashSet<>();
      dag.tasks().forEach(t -> t.upstream().forEach(u -> expected.add(List.of(u, t.name()))));
      Map<String, JsonNode> sensors = operators(built, "ExternalTaskSensor");
      assertThat(sensors).hasSameSizeAs(dag.waitFor());
      for (String other : dag.waitFor()) {
        DagDefinition upstream = DEFINITION.dag(other);
        String sensorId = "wait_for_" + dagId(upstream);
        JsonNode sensor = sensors.get(sensorId);
        assertThat(sensor).as(sensorId).isNotNull();
        assertThat(sensor.get("module").asText())
            .isEqualTo("airflow.providers.standard.sensors.external_task");
        assertThat(sensor.get("external_dag_id").asText()).isEqualTo(dagId(upstream));
        assertThat(sensor.get("external_task_ids"))
            .extracting(JsonNode::asText)
            .containsExactlyElementsOf(
                upstream.tasks().stream().map(TaskDefinition::name).toList());
        Duration delta =
            Duration.ofSeconds(sensor.get("execution_delta").get("timedelta_seconds").asLong());
        // Over a year of runs, this dag's time minus the delta is the upstream dag's latest time
        // before it.
        Instant t = LocalDate.of(2025, 1, 1).atStartOfDay(DEFINITION.zone()).toInstant();
        for (int run = 0; run < 12; run++) {
          t = dag.schedule().next(t);
          assertThat(t.minus(delta)).isEqualTo(upstream.schedule().latest(t).orElseThrow());
        }
        dag.tasks().stream()
            .filter(task -> task.upstream().isEmpty())
            .forEach(root -> expected.add(List.of(sensorId, root.name())));
      }
      Set<List<String>> edges = new HashSet<>();
      built
          .get("tasks")
          .forEach(
              task ->
                  task.get("upstream")
                      .forEach(u -> edges.add(List.of(u.asText(), task.get("task_id").asText()))));
      assertThat(edges).as(dag.name()).isEqualTo(expected);
    }
  }

  @Test
  void eachDagHasADeadlineAlertAtTheDefinitionsDeadlineThatMailsTheOperators() {
    for (DagDefinition dag : DEFINITION.dags()) {
      JsonNode deadlines = dag(dag).get("deadlines");
      assertThat(deadlines).as(dag.name()).hasSize(1);
      JsonNode alert = deadlines.get(0);
      assertThat(alert.get("reference").asText()).isEqualTo("DagRunLogicalDateDeadline");
      assertThat(alert.get("callback").asText()).isEqualTo("SyncCallback");
      assertThat(alert.get("callback_path").asText()).isEqualTo("da06_alerts.mail_operators");
      assertThat(alert.get("callback_kwargs").get("dag_id").asText()).isEqualTo(dagId(dag));
      Duration interval = Duration.ofSeconds(alert.get("interval_seconds").asLong());
      // The logical date of a cron DAG on Airflow 3 is its scheduled time: over a year of runs,
      // logical date + interval is the definition's deadline.
      Instant t = LocalDate.of(2025, 1, 1).atStartOfDay(DEFINITION.zone()).toInstant();
      for (int run = 0; run < 12; run++) {
        t = dag.schedule().next(t);
        assertThat(t.plus(interval)).as(dag.name()).isEqualTo(dag.deadlineOf(t));
      }
    }
  }

  /**
   * A run of monthly-close for 1 August 2025 02:00, triggered now and never run (its DAG is paused,
   * as new DAGs are), is long past its deadline (08:00 that day): Airflow's scheduler finds the
   * missed deadline and its executor calls the alert, which mails the operators once each.
   */
  @Test
  void airflowsSchedulerMailsTheOperatorsWhenARunMissesItsDeadline() throws Exception {
    airflow.airflow(
        Duration.ofMinutes(2),
        "dags",
        "trigger",
        "da06_monthly_close",
        "--logical-date",
        "2025-08-01T02:00:00+07:00");
    long start = System.nanoTime();
    Process scheduler = airflow.start("scheduler", "scheduler");
    try {
      Instant end = Instant.now().plus(Duration.ofMinutes(3));
      while (mail.getReceivedMessages().length < 2 && Instant.now().isBefore(end)) {
        assertThat(scheduler.isAlive())
            .as("the scheduler exited:%n%s", tail(airflow.home().resolve("scheduler.log")))
            .isTrue();
        Thread.sleep(500);
      }
      System.err.printf(
          "airflow test: the scheduler mailed the missed deadline %.1f s after it started%n",
          (System.nanoTime() - start) / 1e9);
      // Once only: later scheduler loops do not mail it again.
      Thread.sleep(3000);
    } finally {
      AirflowHome.stop(scheduler);
    }
    MimeMessage[] received = mail.getReceivedMessages();
    assertThat(received)
        .as(
            "mails after the missed deadline; scheduler log:%n%s",
            tail(airflow.home().resolve("scheduler.log")))
        .hasSize(2);
    for (MimeMessage message : received) {
      assertThat(message.getSubject()).isEqualTo("[ĐA06] Lịch chạy cần xử lý: da06_monthly_close");
      assertThat(message.getFrom()[0].toString()).contains("bcd06@langson.test");
      assertThat(message.getHeader("To", ","))
          .isEqualTo("trucban@langson.test, vanhanh@langson.test");
      assertThat(((String) message.getContent()).replace("\r\n", "\n"))
          .contains(
              "the run scheduled at 2025-08-01T02:00 has not finished by its deadline"
                  + " 2025-08-01T08:00");
    }
    // Delivered to each operator's mailbox once (the operator of two units included).
    for (String operator : List.of("trucban@langson.test", "vanhanh@langson.test")) {
      assertThat(
              mail.getManagers()
                  .getImapHostManager()
                  .getInbox(mail.getUserManager().getUserByEmail(operator))
                  .getMessageCount())
          .as(operator)
          .isEqualTo(1);
    }
    try (Stream<Path> files = Files.walk(airflow.home())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (file.toString().endsWith(".db")) {
          continue;
        }
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
            .as("the SMTP password in %s", file)
            .doesNotContain(SMTP_PASSWORD);
      }
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The JSON document of a CLI's stdout: its last line (Airflow may log lines before it). */
  private static String jsonOf(String stdout) {
    List<String> lines = stdout.lines().filter(line -> line.startsWith("[")).toList();
    assertThat(lines).as("no JSON in:%n%s", stdout).isNotEmpty();
    return lines.get(lines.size() - 1);
  }

  private static List<String> dagIds() {
    return DEFINITION.dags().stream().map(AirflowDagTest::dagId).toList();
  }

  static String dagId(DagDefinition dag) {
    return "da06_" + dag.name().replace('-', '_');
  }

  private static JsonNode dag(DagDefinition dag) {
    for (JsonNode built : parsed.get("dags")) {
      if (built.get("dag_id").asText().equals(dagId(dag))) {
        return built;
      }
    }
    throw new AssertionError("Airflow did not build " + dagId(dag));
  }

  private static Map<String, JsonNode> operators(JsonNode dag, String type) {
    Map<String, JsonNode> byId = new HashMap<>();
    dag.get("tasks")
        .forEach(
            task -> {
              if (task.get("class").asText().equals(type)) {
                byId.put(task.get("task_id").asText(), task);
              }
            });
    return byId;
  }
}
