package vn.da06.orchestration.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one pipeline definition: dags of tasks (main class, arguments), their dependencies,
 * schedules, deadlines and retries, in one time zone. {@link #builtIn()} is {@code pipeline.yaml}
 * beside this class; the embedded {@link Scheduler} runs it and {@link #toAirflowJson()} exports it
 * for the Airflow DAG.
 */
public record PipelineDefinition(ZoneId zone, List<DagDefinition> dags) {
  public static final String RESOURCE = "pipeline.yaml";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

  /** Placeholders a run fills from its scheduled time. */
  public static final Set<String> TIME_PLACEHOLDERS = Set.of("date", "month", "previous_month");

  /** Placeholders filled from the scheduler's configuration (or Airflow Variables). */
  public static final Set<String> SETTING_PLACEHOLDERS =
      Set.of("inbox", "warehouse", "reports_out", "reports_config");

  public PipelineDefinition {
    requireNonNull(zone, "timezone is missing");
    dags = List.copyOf(dags);
    Map<String, DagDefinition> byName = new LinkedHashMap<>();
    Set<String> taskNames = new HashSet<>();
    for (DagDefinition dag : dags) {
      if (byName.put(dag.name(), dag) != null) {
        throw new IllegalArgumentException(
            "Cannot define dag " + dag.name() + ": it is defined twice (rename one)");
      }
      for (TaskDefinition task : dag.tasks()) {
        if (!taskNames.add(task.name())) {
          throw new IllegalArgumentException(
              "Cannot define task "
                  + task.name()
                  + ": the name is used twice (task names are unique across dags: they name ops.job_runs rows)");
        }
        for (String arg : task.args()) {
          Matcher m = PLACEHOLDER.matcher(arg);
          while (m.find()) {
            if (!TIME_PLACEHOLDERS.contains(m.group(1))
                && !SETTING_PLACEHOLDERS.contains(m.group(1))) {
              throw new IllegalArgumentException(
                  "Cannot define task "
                      + task.name()
                      + ": unknown placeholder {"
                      + m.group(1)
                      + "} in '"
                      + arg
                      + "' (use one of "
                      + new java.util.TreeSet<>(union())
                      + ")");
            }
          }
        }
      }
    }
    for (DagDefinition dag : dags) {
      for (String other : dag.waitFor()) {
        if (!byName.containsKey(other) || other.equals(dag.name())) {
          throw new IllegalArgumentException(
              "Cannot define dag "
                  + dag.name()
                  + ": wait_for names "
                  + other
                  + ", which is not another dag (dags: "
                  + byName.keySet()
                  + ")");
        }
      }
    }
  }

  private static Set<String> union() {
    Set<String> all = new HashSet<>(TIME_PLACEHOLDERS);
    all.addAll(SETTING_PLACEHOLDERS);
    return all;
  }

  public static PipelineDefinition builtIn() {
    try (InputStream in = PipelineDefinition.class.getResourceAsStream(RESOURCE)) {
      requireNonNull(in, "pipeline.yaml is missing from the classpath");
      return parse(
          new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
          "built-in " + RESOURCE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static PipelineDefinition load(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(
          "Cannot read the pipeline definition "
              + file
              + ": no such file (fix the path, or leave 'definition' out of config/schedule.yaml to use the built-in one)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PipelineDefinition parse(String yaml, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Cannot read the pipeline definition "
              + source
              + ": line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage()
              + " (fix the YAML)");
    }
    try {
      ZoneId zone = ZoneId.of(text(root, "timezone", "the top level"));
      List<DagDefinition> dags = new ArrayList<>();
      for (JsonNode dag : array(root, "dags", "the top level")) {
        String name = text(dag, "name", "a dag");
        String where = "dag " + name;
        List<TaskDefinition> tasks = new ArrayList<>();
        for (JsonNode task : array(dag, "tasks", where)) {
          String taskName = text(task, "name", "a task of " + where);
          String taskWhere = "task " + taskName;
          tasks.add(
              new TaskDefinition(
                  taskName,
                  text(task, "main_class", taskWhere),
                  strings(task, "args", taskWhere),
                  strings(task, "upstream", taskWhere),
                  task.path("retries").asInt(0),
                  duration(task.path("retry_backoff").asText("PT5M"), taskWhere)));
        }
        dags.add(
            new DagDefinition(
                name,
                dag.path("description").asText(""),
                CronSchedule.parse(text(dag, "schedule", where), zone, where + ", schedule"),
                CronSchedule.parse(text(dag, "deadline", where), zone, where + ", deadline"),
                strings(dag, "wait_for", where),
                tasks));
      }
      return new PipelineDefinition(zone, dags);
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new IllegalArgumentException(
          "Cannot read the pipeline definition " + source + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isValueNode() || value.asText().isBlank()) {
      throw new IllegalArgumentException(where + " has no '" + field + "' (add " + field + ": …)");
    }
    return value.asText();
  }

  private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException(
          where + " has no list '" + field + "' (add " + field + ": with '- ' items)");
    }
    return value;
  }

  private static List<String> strings(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException(where + ": '" + field + "' is not a list (write [a, b])");
    }
    List<String> out = new ArrayList<>();
    value.forEach(item -> out.add(item.asText()));
    return out;
  }

  private static Duration duration(String text, String where) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          where + ": retry_backoff '" + text + "' is not an ISO duration (write e.g. PT5M)");
    }
  }

  public DagDefinition dag(String name) {
    return dags.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Cannot find dag "
                        + name
                        + " (dags: "
                        + dags.stream().map(DagDefinition::name).toList()
                        + ")"));
  }

  public Optional<TaskDefinition> task(String name) {
    return dags.stream()
        .flatMap(d -> d.tasks().stream())
        .filter(t -> t.name().equals(name))
        .findFirst();
  }

  /**
   * Arguments of {@code task} for the run scheduled at {@code scheduled}, with every placeholder
   * filled.
   */
  public List<String> render(TaskDefinition task, Instant scheduled, Map<String, String> settings) {
    LocalDate date = scheduled.atZone(zone).toLocalDate();
    Map<String, String> values = new LinkedHashMap<>(settings);
    values.put("date", date.toString());
    values.put("month", java.time.YearMonth.from(date).toString());
    values.put("previous_month", java.time.YearMonth.from(date).minusMonths(1).toString());
    List<String> rendered = new ArrayList<>();
    for (String arg : task.args()) {
      Matcher m = PLACEHOLDER.matcher(arg);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        if (value == null) {
          throw new IllegalArgumentException(
              "Cannot run task "
                  + task.name()
                  + ": {"
                  + m.group(1)
                  + "} has no value (set "
                  + m.group(1)
                  + " in config/schedule.yaml)");
        }
        m.appendReplacement(out, Matcher.quoteReplacement(value));
      }
      m.appendTail(out);
      rendered.add(out.toString());
    }
    return List.copyOf(rendered);
  }

  /**
   * The definition as the Airflow DAG reads it: per dag its cron, time zone, the deadline as the
   * constant offset after the scheduled time (an Airflow 3 DeadlineAlert on the logical date), and
   * for each wait_for the constant offset between the two dags' scheduled times (what
   * ExternalTaskSensor's execution_delta needs); per task java_class, args with placeholders,
   * upstream and retries.
   */
  public String toAirflowJson() {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put(
        "generated_by",
        "./da06 scheduler export-airflow (from " + RESOURCE + "; do not edit by hand)");
    root.put("timezone", zone.getId());
    ArrayNode dagsNode = root.putArray("dags");
    for (DagDefinition dag : dags) {
      ObjectNode d = dagsNode.addObject();
      d.put("dag_id", "da06_" + dag.name().replace('-', '_'));
      d.put("name", dag.name());
      d.put("description", dag.description());
      d.put("schedule", dag.schedule().expression());
      d.put("deadline", dag.deadline().expression());
      d.put("deadline_seconds", constantOffset(dag, dag.deadline(), true, "deadline").getSeconds());
      ArrayNode waits = d.putArray("wait_for");
      for (String other : dag.waitFor()) {
        DagDefinition upstream = dag(other);
        ObjectNode w = waits.addObject();
        w.put("dag_id", "da06_" + upstream.name().replace('-', '_'));
        w.put(
            "task_ids",
            json.valueToTree(upstream.tasks().stream().map(TaskDefinition::name).toList()));
        w.put(
            "execution_delta_seconds",
            constantOffset(dag, upstream.schedule(), false, "wait_for " + other).getSeconds());
      }
      ArrayNode tasks = d.putArray("tasks");
      for (TaskDefinition task : dag.tasks()) {
        ObjectNode t = tasks.addObject();
        t.put("task_id", task.name());
        t.put("java_class", task.mainClass());
        t.set("args", json.valueToTree(task.args()));
        t.set("upstream", json.valueToTree(task.upstream()));
        t.put("retries", task.retries());
        t.put("retry_delay_seconds", task.retryBackoff().getSeconds());
      }
    }
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The offset from each scheduled time of {@code dag} to the next time of {@code other} (forward)
   * or back to the latest at or before it, checked equal over two years: Airflow takes one
   * timedelta.
   */
  private Duration constantOffset(
      DagDefinition dag, CronSchedule other, boolean forward, String what) {
    Duration offset = null;
    Instant t = LocalDate.of(2025, 1, 1).atStartOfDay(zone).toInstant();
    for (int i = 0; i < 800; i++) {
      t = dag.schedule().next(t);
      Instant o = forward ? other.next(t) : other.latest(t).orElseThrow();
      Duration d = forward ? Duration.between(t, o) : Duration.between(o, t);
      if (offset != null && !offset.equals(d)) {
        throw new IllegalArgumentException(
            "Cannot export dag "
                + dag.name()
                + " for Airflow: the "
                + what
                + " is "
                + offset
                + " after one run and "
                + d
                + " after another (Airflow needs a constant offset; align the crons)");
      }
      offset = d;
      if (t.isAfter(LocalDate.of(2027, 1, 1).atStartOfDay(zone).toInstant())) {
        break;
      }
    }
    return offset;
  }
}
