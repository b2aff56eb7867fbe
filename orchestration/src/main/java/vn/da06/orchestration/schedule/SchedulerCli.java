package vn.da06.orchestration.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.da06.jobs.spark.SparkSessions;

/**
 * {@code ./da06 scheduler}: the embedded scheduler, and the export of its definition for Airflow.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description =
        "Run the pipeline and send the reports on schedule (single machine). See docs/orchestration.md.",
    subcommands = {SchedulerCli.ExportAirflow.class, SchedulerCli.Show.class})
public final class SchedulerCli implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerCli.class);

  @Option(
      names = "--config",
      defaultValue = "config/schedule.yaml",
      description = "Default: ${DEFAULT-VALUE}")
  Path config;

  @Option(names = "--once", description = "Run what is due now (and catch-up), then exit.")
  boolean once;

  private final Clock clock;

  SchedulerCli(Clock clock) {
    this.clock = clock;
  }

  public static void main(String[] args) {
    System.exit(execute(Clock.systemUTC(), args));
  }

  public static int execute(Clock clock, String... args) {
    CommandLine line = new CommandLine(new SchedulerCli(clock));
    line.setExecutionExceptionHandler(
        (exception, commandLine, parsed) -> {
          if (exception instanceof IllegalArgumentException
              || exception instanceof IllegalStateException) {
            commandLine.getErr().println("da06: " + exception.getMessage());
            return 2;
          }
          throw exception;
        });
    return line.execute(args);
  }

  @Override
  public Integer call() throws InterruptedException {
    ScheduleConfig settings = ScheduleConfig.load(config);
    PipelineDefinition definition = settings.pipeline();
    checkArguments(definition, settings, clock.instant());
    checkDueDays(definition, Path.of(settings.settings().get("reports_config")));
    try (SchedulerState state = SchedulerState.open(settings.state())) {
      RunLog runLog =
          new DeltaRunLog(SparkSessions.getOrCreate("da06-scheduler"), settings.warehouse());
      Scheduler scheduler =
          new Scheduler(
              definition,
              settings.settings(),
              new InProcessTaskRunner(clock),
              runLog,
              state,
              clock,
              new OperatorAlerts(
                  Path.of(settings.settings().get("reports_config")), definition.zone()));
      do {
        scheduler.tick();
        if (once) {
          break;
        }
        Instant wake = scheduler.nextWakeUp();
        Duration wait = Duration.between(clock.instant(), wake);
        LOG.info("next wake-up {}", wake.atZone(definition.zone()).toLocalDateTime());
        // Wake at least every minute, so a clock change or a suspended laptop is noticed soon.
        Thread.sleep(Math.max(1000, Math.min(wait.toMillis() + 1000, 60_000)));
      } while (true);
    }
    return 0;
  }

  /**
   * Refuses to start if a task's main class would reject its arguments: better now than at 17:30.
   */
  static void checkArguments(PipelineDefinition definition, ScheduleConfig settings, Instant now) {
    for (DagDefinition dag : definition.dags()) {
      Instant next = dag.schedule().next(now);
      for (TaskDefinition task : dag.tasks()) {
        ArgumentCheck.parse(
            task.name(), task.mainClass(), definition.render(task, next, settings.settings()));
        InProcessTaskRunner.entryPoint(task.mainClass());
      }
    }
  }

  /** Refuses to start if a unit of the reports config is due on a day no task sends reports for. */
  static void checkDueDays(PipelineDefinition definition, Path reportsConfig) {
    if (!Files.exists(reportsConfig)) {
      return;
    }
    java.util.Set<Integer> scheduled = new java.util.TreeSet<>();
    for (DagDefinition dag : definition.dags()) {
      for (TaskDefinition task : dag.tasks()) {
        int at = task.args().indexOf("--due-day");
        if (at >= 0 && at + 1 < task.args().size()) {
          scheduled.add(Integer.parseInt(task.args().get(at + 1)));
        }
      }
    }
    for (vn.da06.orchestration.report.ReportsConfig.Unit unit :
        vn.da06.orchestration.report.ReportsConfig.load(reportsConfig).units()) {
      if (!scheduled.contains(unit.monthlyDueDay())) {
        throw new IllegalArgumentException(
            "Cannot start the scheduler: unit "
                + unit.code()
                + " of "
                + reportsConfig
                + " is due on day "
                + unit.monthlyDueDay()
                + ", but no task of the pipeline definition sends reports with --due-day "
                + unit.monthlyDueDay()
                + " (give the unit a due day of "
                + scheduled
                + ", or add a dag for that day to the definition)");
      }
    }
  }

  @Command(
      name = "export-airflow",
      mixinStandardHelpOptions = true,
      description = "Write the pipeline definition as the JSON the Airflow DAG reads.")
  static final class ExportAirflow implements Callable<Integer> {
    @Option(
        names = "--out",
        defaultValue = "orchestration/airflow/dags/da06_pipeline.json",
        description = "Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(
        names = "--definition",
        description = "A pipeline definition file (default: the built-in one).")
    Path definition;

    @Override
    public Integer call() throws Exception {
      PipelineDefinition pipeline =
          definition == null ? PipelineDefinition.builtIn() : PipelineDefinition.load(definition);
      Files.writeString(out, pipeline.toAirflowJson());
      System.out.println("Wrote " + out);
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Print each dag's tasks and next scheduled times.")
  static final class Show implements Callable<Integer> {
    @CommandLine.ParentCommand SchedulerCli parent;

    @Override
    public Integer call() {
      ScheduleConfig settings = ScheduleConfig.load(parent.config);
      PipelineDefinition definition = settings.pipeline();
      Instant now = parent.clock.instant();
      for (DagDefinition dag : definition.dags()) {
        Instant next = dag.schedule().next(now);
        System.out.printf(
            "%-24s %-14s next %s, deadline %s%n",
            dag.name(),
            dag.schedule().expression(),
            next.atZone(definition.zone()).toLocalDateTime(),
            dag.deadlineOf(next).atZone(definition.zone()).toLocalDateTime());
        for (TaskDefinition task : dag.tasks()) {
          System.out.printf(
              "    %-26s %s %s%n",
              task.name(),
              task.mainClass(),
              String.join(" ", definition.render(task, next, settings.settings())));
        }
      }
      return 0;
    }
  }
}
