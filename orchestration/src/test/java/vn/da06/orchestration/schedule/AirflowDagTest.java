package vn.da06.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Airflow DAG file ({@code orchestration/airflow/dags/da06.py}) against the pipeline definition
 * the embedded scheduler runs.
 *
 * <p>Honestly: Airflow cannot be installed here, so this does not run Airflow. It runs the DAG file
 * under python3 with a stand-in {@code airflow} (and {@code pendulum}) package on PYTHONPATH
 * ({@code src/test/resources/airflow-stand-in}) whose DAG and operators only record their
 * constructor keyword arguments and {@code >>} links, and checks what the file built: one DAG per
 * dag of the definition with the same cron, time zone, catch-up and overlap settings; one
 * SparkSubmitOperator per task whose {@code java_class} is a real class on this classpath and whose
 * {@code application_args}, with Airflow's templates replaced by sample values, equal the
 * scheduler's rendered arguments and are accepted by that class's picocli parser (parsed, not run);
 * the same dependencies; and ExternalTaskSensors whose execution_delta lands on the upstream dag's
 * scheduled time. It checks the DAG's structure, not Airflow's behaviour. python3 is required: the
 * test fails if it is missing.
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
  static JsonNode built;

  @BeforeAll
  static void runTheDagFile() throws Exception {
    Path standIn =
        Path.of(AirflowDagTest.class.getResource("/airflow-stand-in/dump_dags.py").toURI())
            .getParent();
    ProcessBuilder builder =
        new ProcessBuilder(
                "python3",
                standIn.resolve("dump_dags.py").toString(),
                DAGS.resolve("da06.py").toString())
            .redirectErrorStream(false);
    builder.environment().put("PYTHONPATH", standIn.toString());
    builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new AssertionError(
          "Cannot run the Airflow DAG check: python3 is not on the PATH (install python3; "
              + "this test needs it and fails without it)",
          e);
    }
    byte[] out = process.getInputStream().readAllBytes();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("python3 dump_dags.py da06.py failed:%n%s", err).isZero();
    built = new ObjectMapper().readTree(out);
  }

  @Test
  void theCommittedJsonBesideTheDagIsTheDefinitionsExport() throws IOException {
    assertThat(Files.readString(DAGS.resolve("da06_pipeline.json")))
        .as("da06_pipeline.json is stale: run ./da06 scheduler export-airflow")
        .isEqualTo(DEFINITION.toAirflowJson());
  }

  @Test
  void buildsOneDagPerDefinitionDagWithTheSameScheduleAndTimeZone() {
    assertThat(built.get("dags"))
        .extracting(d -> d.get("kwargs").get("dag_id").asText())
        .containsExactlyElementsOf(
            DEFINITION.dags().stream().map(d -> "da06_" + d.name().replace('-', '_')).toList());
    for (int i = 0; i < DEFINITION.dags().size(); i++) {
      DagDefinition dag = DEFINITION.dags().get(i);
      JsonNode kwargs = built.get("dags").get(i).get("kwargs");
      assertThat(kwargs.get("schedule").asText())
          .as(dag.name())
          .isEqualTo(dag.schedule().expression());
      assertThat(kwargs.get("start_date").get("tz").asText())
          .isEqualTo(DEFINITION.zone().getId())
          .isEqualTo("Asia/Ho_Chi_Minh");
      assertThat(kwargs.get("catchup").asBoolean()).isFalse();
      assertThat(kwargs.get("max_active_runs").asInt()).isEqualTo(1);
      assertThat(built.get("dags").get(i).get("module_global").asBoolean())
          .as("Airflow finds DAGs in module globals")
          .isTrue();
    }
  }

  @Test
  void everyTaskSubmitsARealMainClassWithArgumentsItsParserAccepts() throws Exception {
    Instant scheduled = LocalDate.of(2025, 8, 5).atTime(7, 0).atZone(DEFINITION.zone()).toInstant();
    int checked = 0;
    for (int i = 0; i < DEFINITION.dags().size(); i++) {
      DagDefinition dag = DEFINITION.dags().get(i);
      Map<String, JsonNode> operators = operators(built.get("dags").get(i), "SparkSubmitOperator");
      assertThat(operators.keySet())
          .containsExactlyInAnyOrderElementsOf(
              dag.tasks().stream().map(TaskDefinition::name).toList());
      for (TaskDefinition task : dag.tasks()) {
        JsonNode op = operators.get(task.name());
        assertThat(op.get("java_class").asText()).isEqualTo(task.mainClass());
        Class<?> mainClass = Class.forName(task.mainClass());
        assertThat(op.get("application").asText()).isEqualTo("{{ var.value.da06_jobs_jar }}");
        assertThat(op.get("conf").get("spark.sql.extensions").asText())
            .isEqualTo("io.delta.sql.DeltaSparkSessionExtension");
        assertThat(op.get("retries").asInt()).isEqualTo(task.retries());
        assertThat(op.get("retry_delay").get("timedelta_seconds").asLong())
            .isEqualTo(task.retryBackoff().getSeconds());
        Instant runAt = dag.schedule().next(scheduled);
        assertThat(op.get("sla").get("timedelta_seconds").asLong())
            .isEqualTo(Duration.between(runAt, dag.deadlineOf(runAt)).getSeconds());
        List<String> airflowArgs = new ArrayList<>();
        op.get("application_args").forEach(a -> airflowArgs.add(fillTemplates(a.asText(), runAt)));
        List<String> schedulerArgs = DEFINITION.render(task, runAt, SETTINGS);
        assertThat(airflowArgs).as(task.name()).isEqualTo(schedulerArgs);
        // Parse only: picocli reads the arguments into the command objects without running them.
        CommandLine.ParseResult parsed =
            ArgumentCheck.parse(task.name(), mainClass.getName(), airflowArgs);
        assertThat(parsed.subcommand().unmatched()).isEmpty();
        assertThat(parsed.subcommand().commandSpec().name()).isEqualTo(airflowArgs.get(0));
        checked++;
      }
    }
    assertThat(checked)
        .isEqualTo(DEFINITION.dags().stream().mapToInt(d -> d.tasks().size()).sum())
        .isPositive();
  }

  @Test
  void dependenciesAreTheDefinitionsAndSensorsWaitForTheUpstreamDagsScheduledTime() {
    for (int i = 0; i < DEFINITION.dags().size(); i++) {
      DagDefinition dag = DEFINITION.dags().get(i);
      JsonNode builtDag = built.get("dags").get(i);
      Set<List<String>> expected = new HashSet<>();
      dag.tasks().forEach(t -> t.upstream().forEach(u -> expected.add(List.of(u, t.name()))));
      Map<String, JsonNode> sensors = operators(builtDag, "ExternalTaskSensor");
      assertThat(sensors).hasSameSizeAs(dag.waitFor());
      for (String other : dag.waitFor()) {
        DagDefinition upstream = DEFINITION.dag(other);
        String sensorId = "wait_for_da06_" + other.replace('-', '_');
        JsonNode sensor = sensors.get(sensorId);
        assertThat(sensor).as(sensorId).isNotNull();
        assertThat(sensor.get("external_dag_id").asText())
            .isEqualTo("da06_" + other.replace('-', '_'));
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
      builtDag.get("edges").forEach(e -> edges.add(List.of(e.get(0).asText(), e.get(1).asText())));
      assertThat(edges).as(dag.name()).isEqualTo(expected);
    }
  }

  private static Map<String, JsonNode> operators(JsonNode dag, String type) {
    Map<String, JsonNode> byId = new HashMap<>();
    dag.get("operators")
        .forEach(
            op -> {
              if (op.get("class").asText().equals(type)) {
                byId.put(op.get("kwargs").get("task_id").asText(), op.get("kwargs"));
              }
            });
    return byId;
  }

  /**
   * Replaces each of the DAG's placeholder templates by the value Airflow would give it for a run
   * at {@code runAt}.
   */
  private static String fillTemplates(String argument, Instant runAt) {
    LocalDate date = runAt.atZone(DEFINITION.zone()).toLocalDate();
    Map<String, String> values = new HashMap<>(SETTINGS);
    values.put("date", date.toString());
    values.put("month", java.time.YearMonth.from(date).toString());
    values.put("previous_month", java.time.YearMonth.from(date).minusMonths(1).toString());
    String filled = argument;
    var templates = built.get("placeholder_templates").fields();
    while (templates.hasNext()) {
      var template = templates.next();
      filled = filled.replace(template.getValue().asText(), values.get(template.getKey()));
    }
    assertThat(filled).as("an Airflow template without a sample value").doesNotContain("{{");
    return filled;
  }
}
