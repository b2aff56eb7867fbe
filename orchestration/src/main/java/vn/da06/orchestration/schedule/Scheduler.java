package vn.da06.orchestration.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.da06.orchestration.schedule.RunLog.Outcome;
import vn.da06.orchestration.schedule.SchedulerState.DagState;
import vn.da06.orchestration.schedule.SchedulerState.RunStatus;

/**
 * The embedded scheduler: runs the dags of a {@link PipelineDefinition} on their cron schedules, by
 * the time of an injectable {@link Clock} (a test advances it).
 *
 * <ul>
 *   <li>One run per dag at a time: {@link #tick()} runs what is due, a dag's tasks one after
 *       another in upstream order, and a newer scheduled time supersedes a run that is still
 *       retrying. The state file's lock keeps a second scheduler off the same state.
 *   <li>Catch-up once: times missed while the scheduler was stopped are not run one by one; the
 *       latest of them runs once (with its own date and month), and the skipped ones are logged.
 *   <li>Retries: a failed task is retried after its backoff, doubled on each further failure; when
 *       no retry is left the run fails and is reported ({@link FailureReporter}).
 *   <li>Every attempt is recorded in the {@link RunLog} (ops.job_runs); a run that ends after its
 *       dag's deadline is SUCCEEDED_LATE and reported, and a run still unfinished at its deadline
 *       is reported then.
 * </ul>
 *
 * A dag first seen by the scheduler starts from the time it was seen: history is not backfilled
 * (run {@code ./da06 run} or the report command for that).
 */
public final class Scheduler {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** Told of failed runs and missed deadlines (the log always is). */
  @FunctionalInterface
  public interface FailureReporter {
    void report(String dag, Instant scheduled, String problem);
  }

  private final PipelineDefinition definition;
  private final Map<String, String> settings;
  private final TaskRunner runner;
  private final RunLog runLog;
  private final SchedulerState state;
  private final Clock clock;
  private final FailureReporter reporter;
  private final ReentrantLock tickLock = new ReentrantLock();

  public Scheduler(
      PipelineDefinition definition,
      Map<String, String> settings,
      TaskRunner runner,
      RunLog runLog,
      SchedulerState state,
      Clock clock,
      FailureReporter reporter) {
    this.definition = requireNonNull(definition, "definition is null");
    this.settings = Map.copyOf(settings);
    this.runner = requireNonNull(runner, "runner is null");
    this.runLog = requireNonNull(runLog, "runLog is null");
    this.state = requireNonNull(state, "state is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.reporter = requireNonNull(reporter, "reporter is null");
    Instant now = clock.instant();
    for (DagDefinition dag : definition.dags()) {
      DagState dagState = state.dag(dag.name());
      if (dagState.since == null) {
        dagState.since = now;
      }
    }
    state.save();
  }

  /**
   * Runs every dag run and retry that is due at the clock's time, and returns. Returns false
   * without doing anything if another thread is inside tick() (no overlap).
   */
  public boolean tick() {
    if (!tickLock.tryLock()) {
      LOG.info("a tick is already running; this one does nothing");
      return false;
    }
    try {
      for (DagDefinition dag : definition.dags()) {
        tickDag(dag);
      }
      return true;
    } finally {
      tickLock.unlock();
    }
  }

  /**
   * The earliest time something may become due: a dag's next scheduled time, a retry or a deadline.
   */
  public Instant nextWakeUp() {
    Instant now = clock.instant();
    Instant next = null;
    for (DagDefinition dag : definition.dags()) {
      DagState s = state.dag(dag.name());
      List<Instant> candidates = new ArrayList<>();
      candidates.add(dag.schedule().next(now));
      if (s.status == RunStatus.PENDING) {
        if (s.nextAttemptAt != null) {
          candidates.add(s.nextAttemptAt);
        }
        if (!s.deadlineReported) {
          candidates.add(dag.deadlineOf(s.current));
        }
      }
      for (Instant candidate : candidates) {
        if (next == null || candidate.isBefore(next)) {
          next = candidate;
        }
      }
    }
    return next;
  }

  private void tickDag(DagDefinition dag) {
    Instant now = clock.instant();
    DagState s = state.dag(dag.name());
    Optional<Instant> latest = dag.schedule().latest(now).filter(t -> t.isAfter(s.since));
    if (latest.isPresent() && (s.current == null || latest.get().isAfter(s.current))) {
      takeUp(dag, s, latest.get());
    }
    if (s.status != RunStatus.PENDING) {
      return;
    }
    Instant deadline = dag.deadlineOf(s.current);
    if (!now.isBefore(deadline) && !s.deadlineReported) {
      s.deadlineReported = true;
      state.save();
      report(
          dag,
          s.current,
          "the run scheduled at "
              + local(s.current)
              + " has not finished by its deadline "
              + local(deadline));
    }
    if (s.nextAttemptAt != null && now.isBefore(s.nextAttemptAt)) {
      return;
    }
    for (String other : dag.waitFor()) {
      if (!upToDate(definition.dag(other), s.current)) {
        LOG.info(
            "dag {} (scheduled {}) waits for dag {} to succeed",
            dag.name(),
            local(s.current),
            other);
        return;
      }
    }
    for (TaskDefinition task : dag.tasks()) {
      if (s.doneTasks.contains(task.name())) {
        continue;
      }
      if (!attempt(dag, task, s)) {
        return;
      }
    }
    s.status = RunStatus.SUCCEEDED;
    s.lastSucceeded = s.current;
    s.nextAttemptAt = null;
    state.save();
    LOG.info("dag {} succeeded for {}", dag.name(), local(s.current));
  }

  /**
   * Takes up the run scheduled at {@code scheduled}: counts the times skipped since the last run
   * taken up.
   */
  private void takeUp(DagDefinition dag, DagState s, Instant scheduled) {
    Instant from = s.current != null ? s.current : s.since;
    int skipped = 0;
    for (Instant t = dag.schedule().next(from); t.isBefore(scheduled); t = dag.schedule().next(t)) {
      skipped++;
    }
    if (s.status == RunStatus.PENDING) {
      report(
          dag,
          s.current,
          "the run scheduled at "
              + local(s.current)
              + " is superseded by the one scheduled at "
              + local(scheduled)
              + " before it succeeded");
    }
    if (skipped > 0) {
      LOG.warn(
          "dag {}: {} scheduled run(s) were missed while the scheduler was stopped; catching up once, for {}",
          dag.name(),
          skipped,
          local(scheduled));
    }
    s.current = scheduled;
    s.status = RunStatus.PENDING;
    s.doneTasks = new ArrayList<>();
    s.attempts = 0;
    s.nextAttemptAt = null;
    s.deadlineReported = false;
    state.save();
  }

  /**
   * True once {@code other} has succeeded for its latest scheduled time at or before {@code at}.
   */
  private boolean upToDate(DagDefinition other, Instant at) {
    DagState o = state.dag(other.name());
    Optional<Instant> needed = other.schedule().latest(at).filter(t -> t.isAfter(o.since));
    if (needed.isEmpty()) {
      // Nothing of it was due since the scheduler started: its earlier runs are outside this
      // scheduler's history.
      return true;
    }
    return o.lastSucceeded != null && !o.lastSucceeded.isBefore(needed.get());
  }

  /** Runs one attempt of {@code task}; true if it succeeded. */
  private boolean attempt(DagDefinition dag, TaskDefinition task, DagState s) {
    int attempt = s.attempts + 1;
    Instant started = clock.instant();
    String runId =
        "sched-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(definition.zone())
                .format(started)
            + "-"
            + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    List<String> args = List.of();
    String problem;
    try {
      args = definition.render(task, s.current, settings);
      LOG.info(
          "task {} (dag {}, scheduled {}), attempt {}: {} {}",
          task.name(),
          dag.name(),
          local(s.current),
          attempt,
          task.mainClass(),
          String.join(" ", args));
      int exit = runner.run(task, args);
      problem = exit == 0 ? null : "exit code " + exit;
    } catch (Exception e) {
      LOG.error("task {} failed", task.name(), e);
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    Instant ended = clock.instant();
    Instant deadline = dag.deadlineOf(s.current);
    if (problem == null) {
      boolean late = ended.isAfter(deadline);
      runLog.record(
          new RunLog.TaskRun(
              runId,
              task.name(),
              dag.name(),
              s.current,
              attempt,
              args,
              started,
              ended,
              late ? Outcome.SUCCEEDED_LATE : Outcome.SUCCEEDED,
              late ? "after the deadline " + local(deadline) : null));
      s.doneTasks.add(task.name());
      s.attempts = 0;
      s.nextAttemptAt = null;
      state.save();
      if (late) {
        report(
            dag,
            s.current,
            "task " + task.name() + " succeeded after the deadline " + local(deadline));
      }
      return true;
    }
    s.attempts = attempt;
    if (attempt <= task.retries()) {
      s.nextAttemptAt = ended.plus(task.backoffBefore(attempt + 1));
      runLog.record(
          new RunLog.TaskRun(
              runId,
              task.name(),
              dag.name(),
              s.current,
              attempt,
              args,
              started,
              ended,
              Outcome.RETRYING,
              problem + "; retry at " + local(s.nextAttemptAt)));
      LOG.warn(
          "task {} attempt {} failed ({}); retry {} of {} at {}",
          task.name(),
          attempt,
          problem,
          attempt,
          task.retries(),
          local(s.nextAttemptAt));
      state.save();
    } else {
      s.status = RunStatus.FAILED;
      s.nextAttemptAt = null;
      runLog.record(
          new RunLog.TaskRun(
              runId,
              task.name(),
              dag.name(),
              s.current,
              attempt,
              args,
              started,
              ended,
              Outcome.FAILED,
              problem + "; no retry left"));
      state.save();
      report(
          dag,
          s.current,
          "task " + task.name() + " failed after " + attempt + " attempt(s): " + problem);
    }
    return false;
  }

  private void report(String dagName, Instant scheduled, String problem) {
    LOG.error("dag {}: {}", dagName, problem);
    try {
      reporter.report(dagName, scheduled, problem);
    } catch (RuntimeException e) {
      LOG.error("could not report the failure of dag {}", dagName, e);
    }
  }

  private void report(DagDefinition dag, Instant scheduled, String problem) {
    report(dag.name(), scheduled, problem);
  }

  private String local(Instant instant) {
    return instant == null ? "-" : instant.atZone(definition.zone()).toLocalDateTime().toString();
  }

  public ZoneId zone() {
    return definition.zone();
  }
}
