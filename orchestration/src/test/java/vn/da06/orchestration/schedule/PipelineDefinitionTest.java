package vn.da06.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built-in definition follows the committees' calendar, and a broken definition is refused with
 * a clear error.
 */
class PipelineDefinitionTest {
  static final PipelineDefinition BUILT_IN = PipelineDefinition.builtIn();

  @Test
  void dailyIngestionAndTheCampaignReportRunAfterFiveInTheAfternoonVietnamTimeEveryDay() {
    DagDefinition daily = BUILT_IN.dag("daily");
    assertThat(BUILT_IN.zone().getId()).isEqualTo("Asia/Ho_Chi_Minh");
    Instant t = LocalDate.of(2025, 8, 1).atStartOfDay(BUILT_IN.zone()).toInstant();
    for (int day = 0; day < 14; day++) {
      t = daily.schedule().next(t);
      ZonedDateTime local = t.atZone(BUILT_IN.zone());
      assertThat(local.toLocalDate()).isEqualTo(LocalDate.of(2025, 8, 1 + day));
      assertThat(local.toLocalTime()).isAfter(LocalTime.of(17, 0));
      assertThat(daily.deadlineOf(t).atZone(BUILT_IN.zone()).toLocalDate())
          .isEqualTo(local.toLocalDate());
    }
    assertThat(daily.tasks())
        .extracting(TaskDefinition::name)
        .containsExactly("ingest", "daily-campaign-report");
    assertThat(daily.tasks().get(1).upstream()).containsExactly("ingest");
  }

  @Test
  void monthlyReportsAreScheduledAndDueBeforeTheEighthOrTheFifteenthAfterTheMonthlyClose() {
    Instant close =
        BUILT_IN
            .dag("monthly-close")
            .schedule()
            .next(LocalDate.of(2025, 7, 31).atStartOfDay(BUILT_IN.zone()).toInstant());
    assertThat(close.atZone(BUILT_IN.zone()).toLocalDate()).isEqualTo(LocalDate.of(2025, 8, 1));
    for (var due : Map.of("monthly-reports-due-08", 8, "monthly-reports-due-15", 15).entrySet()) {
      DagDefinition dag = BUILT_IN.dag(due.getKey());
      assertThat(dag.waitFor()).containsExactly("monthly-close");
      Instant run = dag.schedule().next(close);
      ZonedDateTime local = run.atZone(BUILT_IN.zone());
      assertThat(local.getMonthValue()).isEqualTo(8);
      assertThat(local.getDayOfMonth()).isLessThan(due.getValue());
      assertThat(dag.deadlineOf(run).atZone(BUILT_IN.zone()).toLocalDateTime())
          .isEqualTo(LocalDate.of(2025, 8, due.getValue()).atStartOfDay());
      assertThat(BUILT_IN.render(dag.tasks().get(0), run, AirflowDagTest.SETTINGS))
          .containsSubsequence("--due-day", String.valueOf(due.getValue()))
          .containsSubsequence("--month", "2025-07");
    }
  }

  @Test
  void placeholdersAreFilledFromTheScheduledTimeInVietnam() {
    TaskDefinition task =
        new TaskDefinition(
            "t",
            "x.Main",
            List.of("--d", "{date}", "--m={month}", "{previous_month}", "{warehouse}"),
            List.of(),
            0,
            java.time.Duration.ofMinutes(1));
    // 2025-07-31T18:30Z is already 1 August in Vietnam (UTC+7).
    assertThat(
            BUILT_IN.render(
                task, Instant.parse("2025-07-31T18:30:00Z"), Map.of("warehouse", "/wh")))
        .containsExactly("--d", "2025-08-01", "--m=2025-08", "2025-07", "/wh");
    assertThatThrownBy(() -> BUILT_IN.render(task, Instant.parse("2025-07-31T18:30:00Z"), Map.of()))
        .hasMessage(
            "Cannot run task t: {warehouse} has no value (set warehouse in config/schedule.yaml)");
  }

  @Test
  void aBrokenDefinitionIsRefusedWithWhereAndHowToFixIt() {
    String good =
        """
        timezone: Asia/Ho_Chi_Minh
        dags:
          - name: d
            schedule: "30 17 * * *"
            deadline: "0 20 * * *"
            tasks:
              - name: a
                main_class: vn.da06.jobs.cli.Da06
                args: [run]
        """;
    assertThat(PipelineDefinition.parse(good, "x.yaml").dags()).hasSize(1);
    assertThatThrownBy(
            () -> PipelineDefinition.parse(good.replace("30 17 * * *", "30 25 * * *"), "x.yaml"))
        .hasMessageStartingWith(
            "Cannot read the pipeline definition x.yaml: Cannot read dag d, schedule '30 25 * * *'")
        .hasMessageContaining("write five Unix cron fields");
    assertThatThrownBy(
            () ->
                PipelineDefinition.parse(
                    good.replace("args: [run]", "args: [run, \"{wharehouse}\"]"), "x.yaml"))
        .hasMessageContaining("Cannot define task a: unknown placeholder {wharehouse}");
    assertThatThrownBy(
            () ->
                PipelineDefinition.parse(
                    good.replace("args: [run]", "args: [run]\n        upstream: [b]"), "x.yaml"))
        .hasMessageContaining("Cannot define task a: its upstream task b is not in dag d");
    assertThatThrownBy(
            () ->
                PipelineDefinition.parse(
                    good.replace("    deadline: \"0 20 * * *\"\n", ""), "x.yaml"))
        .hasMessage(
            "Cannot read the pipeline definition x.yaml: dag d has no 'deadline' (add deadline: …)");
    assertThatThrownBy(() -> PipelineDefinition.parse("timezone: [", "x.yaml"))
        .hasMessageStartingWith("Cannot read the pipeline definition x.yaml: line ");
  }

  @Test
  void theArgumentCheckRefusesArgumentsTheMainClassWouldReject() {
    assertThat(
            ArgumentCheck.parse(
                    "ingest",
                    "vn.da06.jobs.cli.Da06",
                    List.of("run", "--inbox", "i", "--warehouse", "w"))
                .subcommand()
                .commandSpec()
                .name())
        .isEqualTo("run");
    assertThatThrownBy(
            () ->
                ArgumentCheck.parse(
                    "ingest", "vn.da06.jobs.cli.Da06", List.of("run", "--inbx", "i")))
        .hasMessageStartingWith(
            "Cannot schedule task ingest: vn.da06.jobs.cli.Da06 rejects its arguments [run, --inbx, i]: Unknown option");
    assertThatThrownBy(() -> ArgumentCheck.parse("ingest", "vn.da06.jobs.cli.Nope", List.of("run")))
        .hasMessage(
            "Cannot schedule task ingest: its main class vn.da06.jobs.cli.Nope is not on the classpath (fix main_class in the pipeline definition)");
  }
}
