package vn.da06.orchestration.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.da06.orchestration.schedule.RunLog.Outcome;
import vn.da06.orchestration.schedule.RunLog.TaskRun;

/**
 * The embedded scheduler's rules, by a clock the test moves: cron times in Vietnam's zone, catch-up
 * once after a restart, retries with doubling backoff, failures and late runs reported, wait_for,
 * and no two runs at once. Tasks run through a recording runner (the real main classes run in
 * PipelineTaskTest and the simulated month).
 */
class SchedulerTest {
  static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
  static final Map<String, String> SETTINGS =
      Map.of(
          "inbox", "in", "warehouse", "wh", "reports_out", "out", "reports_config", "reports.yaml");

  @TempDir Path dir;

  final List<TaskRun> log = Collections.synchronizedList(new ArrayList<>());
  final List<String> reported = Collections.synchronizedList(new ArrayList<>());
  final List<String> ran = Collections.synchronizedList(new ArrayList<>());

  static Instant vn(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(VN).toInstant();
  }

  /** Records each run as "task args"; fails a task while {@code failures} holds its name. */
  final List<String> failures = Collections.synchronizedList(new ArrayList<>());

  TaskRunner recordingRunner(MutableClock clock, Duration taskTime) {
    return (task, args) -> {
      ran.add(task.name() + " " + String.join(" ", args));
      clock.advance(taskTime);
      return failures.remove(task.name()) ? 1 : 0;
    };
  }

  Scheduler scheduler(
      PipelineDefinition definition, SchedulerState state, MutableClock clock, TaskRunner runner) {
    return new Scheduler(
        definition,
        SETTINGS,
        runner,
        log::add,
        state,
        clock,
        (dag, scheduled, problem) -> reported.add(dag + ": " + problem));
  }

  @Test
  void runsTheDailyDagAfterSeventeenThirtyVietnamTimeWithThatDaysDate() {
    MutableClock clock = new MutableClock(vn("2025-08-03T09:00"), VN);
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler =
          scheduler(
              PipelineDefinition.builtIn(),
              state,
              clock,
              recordingRunner(clock, Duration.ofMinutes(2)));
      clock.set(vn("2025-08-03T17:29"));
      scheduler.tick();
      assertThat(ran).isEmpty();
      assertThat(scheduler.nextWakeUp()).isEqualTo(vn("2025-08-03T17:30"));
      clock.set(vn("2025-08-03T17:30"));
      scheduler.tick();
      assertThat(ran)
          .containsExactly(
              "ingest run --inbox in --warehouse wh",
              "daily-campaign-report daily --all --date 2025-08-03 --warehouse wh --out out --send --config reports.yaml");
      assertThat(log)
          .extracting(TaskRun::task, TaskRun::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("ingest", Outcome.SUCCEEDED),
              org.assertj.core.groups.Tuple.tuple("daily-campaign-report", Outcome.SUCCEEDED));
      clock.advance(Duration.ofHours(1));
      scheduler.tick();
      assertThat(ran).hasSize(2);
    }
  }

  @Test
  void aRestartAfterFiveDaysOffRunsTheMissedDailyDagOnceForTheLatestDay() {
    MutableClock clock = new MutableClock(vn("2025-08-03T09:00"), VN);
    Path stateFile = dir.resolve("state.json");
    try (SchedulerState state = SchedulerState.open(stateFile)) {
      Scheduler scheduler =
          scheduler(
              PipelineDefinition.builtIn(),
              state,
              clock,
              recordingRunner(clock, Duration.ofMinutes(1)));
      clock.set(vn("2025-08-03T18:00"));
      scheduler.tick();
    }
    assertThat(ran).hasSize(2);
    clock.set(vn("2025-08-08T19:00")); // off on the 4th..8th: five daily times missed
    try (SchedulerState state = SchedulerState.open(stateFile)) {
      Scheduler scheduler =
          scheduler(
              PipelineDefinition.builtIn(),
              state,
              clock,
              recordingRunner(clock, Duration.ofMinutes(1)));
      scheduler.tick();
      scheduler.tick();
    }
    // The other dags' missed times are caught up too (the due-08 reports of the 5th); the daily dag
    // runs once.
    assertThat(ran)
        .filteredOn(r -> r.startsWith("ingest") || r.startsWith("daily-campaign-report"))
        .hasSize(4);
    assertThat(ran.get(3)).contains("--date 2025-08-08");
    assertThat(ran)
        .filteredOn(r -> r.startsWith("monthly-reports-due-08"))
        .singleElement()
        .asString()
        .contains("--month 2025-07");
  }

  @Test
  void retriesAFailedTaskAfterADoublingBackoffAndReportsWhenNoRetryIsLeft() {
    MutableClock clock = new MutableClock(vn("2025-08-03T09:00"), VN);
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler =
          scheduler(
              PipelineDefinition.builtIn(), state, clock, recordingRunner(clock, Duration.ZERO));
      failures.addAll(
          List.of("ingest", "ingest", "ingest", "ingest")); // ingest has 3 retries: 4 attempts fail
      clock.set(vn("2025-08-03T17:30"));
      scheduler.tick();
      assertThat(ran).hasSize(1);
      assertThat(scheduler.nextWakeUp()).isEqualTo(vn("2025-08-03T17:35"));
      clock.set(vn("2025-08-03T17:34"));
      scheduler.tick();
      assertThat(ran).hasSize(1);
      clock.set(vn("2025-08-03T17:35"));
      scheduler.tick();
      assertThat(ran).hasSize(2);
      assertThat(scheduler.nextWakeUp()).isEqualTo(vn("2025-08-03T17:45")); // 5 min, then 10
      clock.set(vn("2025-08-03T17:45"));
      scheduler.tick();
      assertThat(scheduler.nextWakeUp()).isEqualTo(vn("2025-08-03T18:05")); // then 20
      assertThat(reported).isEmpty();
      clock.set(vn("2025-08-03T18:05"));
      scheduler.tick();
      assertThat(ran).hasSize(4).allMatch(r -> r.startsWith("ingest"));
      assertThat(log)
          .extracting(TaskRun::outcome)
          .containsExactly(Outcome.RETRYING, Outcome.RETRYING, Outcome.RETRYING, Outcome.FAILED);
      assertThat(reported)
          .singleElement()
          .asString()
          .isEqualTo("daily: task ingest failed after 4 attempt(s): exit code 1");
      clock.set(vn("2025-08-03T23:00"));
      scheduler.tick();
      assertThat(ran)
          .hasSize(4); // the failed run is not retried further; the next day's run will be
    }
  }

  @Test
  void aRetryThatSucceedsLetsTheDownstreamTaskRunAndAfterTheDeadlineIsMarkedLate() {
    MutableClock clock = new MutableClock(vn("2025-08-03T09:00"), VN);
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler =
          scheduler(
              PipelineDefinition.builtIn(), state, clock, recordingRunner(clock, Duration.ZERO));
      failures.add("ingest");
      clock.set(vn("2025-08-03T17:30"));
      scheduler.tick();
      clock.set(vn("2025-08-03T20:10")); // the machine slept through the retry time and the 20:00
      // deadline
      scheduler.tick();
      assertThat(ran)
          .extracting(r -> r.split(" ")[0])
          .containsExactly("ingest", "ingest", "daily-campaign-report");
      assertThat(log)
          .extracting(TaskRun::outcome)
          .containsExactly(Outcome.RETRYING, Outcome.SUCCEEDED_LATE, Outcome.SUCCEEDED_LATE);
      assertThat(reported)
          .first()
          .asString()
          .contains("has not finished by its deadline 2025-08-03T20:00");
    }
  }

  @Test
  void monthlyReportsWaitForTheMonthlyCloseToSucceed() {
    MutableClock clock = new MutableClock(vn("2025-07-31T12:00"), VN);
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler =
          scheduler(
              PipelineDefinition.builtIn(), state, clock, recordingRunner(clock, Duration.ZERO));
      failures.addAll(List.of("monthly-close", "monthly-close", "monthly-close", "monthly-close"));
      for (Instant t = vn("2025-08-01T00:00");
          t.isBefore(vn("2025-08-06T00:00"));
          t = t.plus(Duration.ofMinutes(5))) {
        clock.set(t);
        scheduler.tick();
      }
      assertThat(ran).noneMatch(r -> r.startsWith("monthly-reports"));
      assertThat(reported)
          .anyMatch(
              r -> r.startsWith("monthly-close: task monthly-close failed after 4 attempt(s)"));
      // The next close succeeds: July's reports, still waiting, go out then (late, and reported),
      // August's on time.
      clock.set(vn("2025-09-01T02:00"));
      scheduler.tick();
      clock.set(vn("2025-09-05T07:00"));
      scheduler.tick();
      assertThat(ran)
          .filteredOn(r -> r.startsWith("monthly-reports-due-08"))
          .extracting(r -> r.split(" --month ")[1].substring(0, 7))
          .containsExactly("2025-07", "2025-08");
      assertThat(log)
          .filteredOn(r -> r.task().equals("monthly-reports-due-08"))
          .extracting(TaskRun::outcome)
          .containsExactly(Outcome.SUCCEEDED_LATE, Outcome.SUCCEEDED);
      assertThat(reported)
          .anyMatch(
              r ->
                  r.startsWith(
                      "monthly-reports-due-08: the run scheduled at 2025-08-05T07:00 has not finished by its deadline 2025-08-08T00:00"));
    }
  }

  @Test
  void aSecondSchedulerOnTheSameStateRefusesToStart() {
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      assertThatThrownBy(() -> SchedulerState.open(dir.resolve("state.json")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Cannot start the scheduler: another scheduler holds")
          .hasMessageContaining("state.json.lock");
    }
    SchedulerState.open(dir.resolve("state.json")).close(); // released on close
  }

  @Test
  void aTickWhileAnotherIsRunningDoesNotStartTheTaskAgain() throws Exception {
    MutableClock clock = new MutableClock(vn("2025-08-03T09:00"), VN);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TaskRunner slow =
        (task, args) -> {
          ran.add(task.name());
          inside.countDown();
          release.await(30, TimeUnit.SECONDS);
          return 0;
        };
    try (SchedulerState state = SchedulerState.open(dir.resolve("state.json"))) {
      Scheduler scheduler = scheduler(PipelineDefinition.builtIn(), state, clock, slow);
      clock.set(vn("2025-08-03T17:30"));
      Thread first = new Thread(scheduler::tick);
      first.start();
      assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(scheduler.tick()).isFalse();
      release.countDown();
      first.join(30_000);
      assertThat(ran).containsExactly("ingest", "daily-campaign-report");
    }
  }
}
